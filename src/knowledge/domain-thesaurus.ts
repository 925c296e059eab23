import { DOMAIN_SYNONYMS } from './domain-synonyms';
import { dictionaryForms } from './word-forms';

/** A word of a question or of a thesaurus entry: letters and digits, joined by `-`, `_` or `.` ("apt-get", "utf-8"). */
const TOKEN = /[a-z0-9]+(?:[-_.][a-z0-9]+)*/g;
/** Synonyms of one entry at most, its groups' order kept, so a broad entry does not swamp the query. */
const SYNONYMS_PER_ENTRY = 8;

/** The words of a text as the thesaurus reads them, lower case. */
export const tokens = (text: string): string[] => text.toLowerCase().match(TOKEN) ?? [];

/** A thesaurus entry found in a text, and what it means there. */
export interface EntryMatch {
  /** The entry's words as the thesaurus spells them. */
  words: string[];
  /** Its synonyms: single words or phrases, as the thesaurus spells them. */
  synonyms: string[];
}

/**
 * The domain thesaurus (domain-synonyms.ts) as a lookup: finds its entries in a text, a phrase
 * as consecutive words each of which may be inflected ("locked up" is "lock up").
 */
export class DomainThesaurus {
  /** Entries by their first word, each with its synonyms. */
  private readonly byFirstWord = new Map<string, EntryMatch[]>();

  constructor(groups: readonly (readonly string[])[] = DOMAIN_SYNONYMS) {
    const synonyms = new Map<string, Set<string>>();
    for (const group of groups) {
      for (const entry of group) {
        const key = tokens(entry).join(' ');
        const found = synonyms.get(key) ?? new Set<string>();
        for (const other of group) if (tokens(other).join(' ') !== key) found.add(other.toLowerCase());
        synonyms.set(key, found);
      }
    }
    for (const [key, found] of synonyms) {
      const words = key.split(' ');
      const entries = this.byFirstWord.get(words[0]) ?? [];
      entries.push({ words, synonyms: [...found].slice(0, SYNONYMS_PER_ENTRY) });
      this.byFirstWord.set(words[0], entries);
    }
  }

  /** The entries found in `text`, in its order; a phrase and the words inside it are each found. */
  find(text: string): EntryMatch[] {
    const forms = tokens(text).map((token) => new Set(dictionaryForms(token)));
    const found: EntryMatch[] = [];
    forms.forEach((first, start) => {
      const seen = new Set<EntryMatch>();
      for (const form of first) {
        for (const entry of this.byFirstWord.get(form) ?? []) {
          if (seen.has(entry)) continue;
          if (entry.words.every((word, i) => forms[start + i]?.has(word))) {
            seen.add(entry);
            found.push(entry);
          }
        }
      }
    });
    return found;
  }
}
