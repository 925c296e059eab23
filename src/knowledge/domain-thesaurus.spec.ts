import { DomainThesaurus } from './domain-thesaurus';

describe('DomainThesaurus', () => {
  const thesaurus = new DomainThesaurus([
    ['freeze', 'hang', 'lock up'],
    ['boot', 'start up'],
    ['package manager', 'apt-get'],
  ]);
  const found = (text: string) => thesaurus.find(text).map((entry) => entry.words.join(' '));

  it("gives every entry of a group the group's other entries, as the thesaurus spells them", () => {
    expect(thesaurus.find('hang')).toEqual([{ words: ['hang'], synonyms: ['freeze', 'lock up'] }]);
    expect(thesaurus.find('lock up')[0].synonyms).toEqual(['freeze', 'hang']);
  });

  it('finds a phrase as consecutive words, each of which may be inflected', () => {
    expect(found('the screen locked up while starting up')).toEqual(['lock up', 'start up']);
    expect(found('it stopped; we were hanging around')).toEqual(['hang']);
    expect(found('the lock was up')).toEqual([]);
  });

  it('finds words joined by hyphens or dots as one word, whatever their case', () => {
    expect(found('Why does APT-GET fail?')).toEqual(['apt-get']);
    expect(found('apt and get')).toEqual([]);
  });
});
