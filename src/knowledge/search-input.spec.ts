import { isSearchSyntax, parseSearchInput, questionInput } from './search-input';

describe('parseSearchInput', () => {
  it('reads questions and keywords as words: "or", "-x" and "--flag" are not operators', () => {
    for (const text of [
      'How do I fix a login error or a timeout?',
      'tar -z: filter the archive through gzip',
      'rm --preserve-root',
      'find -size larger files',
      'why does node fail with --experimental-permission',
    ]) {
      expect(isSearchSyntax(text)).toBe(false);
      expect(parseSearchInput(text)).toEqual({ terms: text, filter: null });
    }
  });

  it('treats a quoted phrase or an upper-case OR as search syntax, and ranks by its positive words', () => {
    expect(parseSearchInput('refund "gift card" -voucher')).toEqual({
      terms: 'refund "gift card"',
      filter: 'refund "gift card" -voucher',
    });
    expect(parseSearchInput('refund OR return -voucher')).toEqual({
      terms: 'refund return',
      filter: 'refund OR return -voucher',
    });
  });

  it('keeps a --flag a name even inside search syntax', () => {
    expect(parseSearchInput('"exit code" --verbose')).toEqual({
      terms: '"exit code" verbose',
      filter: '"exit code" verbose',
    });
  });

  it('does not take an empty or unbalanced quote for a phrase', () => {
    expect(isSearchSyntax('say "" twice')).toBe(false);
    expect(isSearchSyntax('a 12" record')).toBe(false);
  });

  it('never reads an assistant question as syntax', () => {
    expect(questionInput('what does "set -e" do OR mean')).toEqual({
      terms: 'what does "set -e" do OR mean',
      filter: null,
    });
  });
});
