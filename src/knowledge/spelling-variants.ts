/**
 * British and American spellings of a text's words ("colour"/"color", "organise"/"organize",
 * "licence"/"license"): the English stemmer keeps them apart, so a question spelled one way would
 * miss a passage spelled the other. The variants are searched as the user's own words. A rule
 * that makes a word no document has ("hour" -> "hor") finds nothing and costs nothing.
 */
const RULES: Array<[RegExp, string]> = [
  [/is(e|es|ed|ing|ation|ations|er|ers)$/, 'iz$1'],
  [/iz(e|es|ed|ing|ation|ations|er|ers)$/, 'is$1'],
  [/ys(e|es|ed|ing)$/, 'yz$1'],
  [/yz(e|es|ed|ing)$/, 'ys$1'],
  [/our(s|ed|ing|ful|ite|ites)?$/, 'or$1'],
  [/([^aeiou])or(s|ed|ing|ful|ite|ites)?$/, '$1our$2'],
  [/([bcdfghklmnpstvz])tre(s)?$/, '$1ter$2'],
  [/([bcdfghklmnpstvz])ter(s)?$/, '$1tre$2'],
  [/([^aeiou])ence(s)?$/, '$1ense$2'],
  [/([^aeiou])ense(s)?$/, '$1ence$2'],
  [/ogue(s)?$/, 'og$1'],
  [/^grey/, 'gray'],
  [/^gray/, 'grey'],
];
/** Words a variant is made of: letters, four or more (shorter ones have no such spellings). */
const WORD = /[a-z]{4,}/g;

/** The other spellings of the text's words, space-separated (none of the text's own). */
export function spellingVariants(text: string): string {
  const own = new Set(text.toLowerCase().match(WORD) ?? []);
  const variants = new Set<string>();
  for (const word of own) {
    for (const [pattern, replacement] of RULES) {
      const variant = word.replace(pattern, replacement);
      if (variant !== word && !own.has(variant)) variants.add(variant);
    }
  }
  return [...variants].join(' ');
}
