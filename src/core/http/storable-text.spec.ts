import fc from 'fast-check';
import { unstorableStrings } from './storable-text';

// Strings that mix ordinary text with NUL and lone UTF-16 halves.
const hostileText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff'),
    fc.string({ unit: 'grapheme', maxLength: 2 }),
  ),
  maxLength: 6,
});
const jsonLike = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, hostileText, fc.integer(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(hostileText, tie('value'), { maxKeys: 3 }),
})).value;

/** The reference: a string is storable when its UTF-8 round trip keeps it and it holds no NUL. */
const storable = (text: string): boolean =>
  !text.includes('\u0000') && Buffer.from(text, 'utf8').toString('utf8') === text;
function expected(value: unknown, path: string): string[] {
  if (typeof value === 'string') return storable(value) ? [] : [path];
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const field = path ? `${path}.${key}` : key;
    return [...(storable(key) ? [] : [field]), ...expected(child, field)];
  });
}

describe('unstorableStrings', () => {
  it('names exactly the fields, and property names, PostgreSQL could not store', () => {
    fc.assert(
      fc.property(jsonLike, (value) => {
        expect(unstorableStrings(value, '').map((problem) => problem.field)).toEqual(expected(value, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps a surrogate pair, refuses its halves apart', () => {
    expect(unstorableStrings({ emoji: '\ud83d\ude00' }, '')).toEqual([]);
    expect(unstorableStrings({ tags: ['ok', '\ude00\ud83d'] }, '')).toEqual([
      { field: 'tags.1', message: 'tags.1 must not contain NUL characters or unpaired surrogates' },
    ]);
    expect(unstorableStrings({ 'a\u0000': 1 }, '')).toEqual([
      { field: 'a\u0000', message: 'property name must not contain NUL characters or unpaired surrogates' },
    ]);
  });
});
