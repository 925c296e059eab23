import { RelatedWords } from './related-words';

describe('RelatedWords', () => {
  let words: RelatedWords;
  beforeAll(async () => {
    words = await RelatedWords.load();
  });

  it("gives the synonyms of a word's commonest senses, from WordNet", () => {
    expect(words.expand('bundle').split(' ')).toEqual(expect.arrayContaining(['package', 'parcel']));
    expect(words.expand('erase').split(' ')).toContain('efface');
  });

  it('finds the dictionary form of a regular inflection', () => {
    expect(words.expand('bundles').split(' ')).toEqual(expect.arrayContaining(['package', 'parcel']));
    expect(words.expand('erased').split(' ')).toContain('efface');
  });

  it("gives the domain thesaurus's synonyms that WordNet does not know, of words and of phrases", () => {
    expect(words.expand('folder').split(' ')).toContain('directory');
    expect(words.expand('my laptop froze').split(' ')).toContain('hang');
    // A phrase is found in the question's words, inflected; a synonym phrase is given as its words.
    expect(words.expand('it locked up while starting up').split(' ')).toEqual(
      expect.arrayContaining(['unresponsive', 'boot']),
    );
    expect(words.expand('reboot').split(' ')).toEqual(expect.arrayContaining(['restart']));
    expect(words.expand('a hung process').split(' ')).toEqual(expect.arrayContaining(['lock', 'up']));
  });

  it("leaves out the question's own words, short words and words WordNet does not know", () => {
    expect(words.expand('bundle package').split(' ')).not.toContain('package');
    expect(words.expand('do it on')).toBe('');
    expect(words.expand('xyzzyplugh kubectl')).toBe('');
  });
});
