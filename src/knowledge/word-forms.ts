/** Regular inflections back to a dictionary form (WordNet's "morphy" rules, without its exception lists). */
const INFLECTIONS: Array<[string, string]> = [
  ['ies', 'y'],
  ['es', ''],
  ['s', ''],
  ['ing', ''],
  ['ing', 'e'],
  ['ed', ''],
  ['ed', 'e'],
  ['er', ''],
  ['est', ''],
];
/** A consonant doubled before a suffix ("stopped", "locking" does not: "lock" + "ing"). */
const DOUBLED = /([b-df-hj-np-tv-z])\1$/;

/**
 * The forms a word may be the inflection of, the word itself first: "erased" gives "erased",
 * "erase", "eras"... Forms no dictionary has are harmless: callers look each one up.
 */
export function dictionaryForms(word: string): string[] {
  const forms = [word];
  for (const [suffix, replacement] of INFLECTIONS) {
    if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
    const stem = word.slice(0, -suffix.length);
    forms.push(stem + replacement);
    if (replacement === '' && DOUBLED.test(stem)) forms.push(stem.slice(0, -1));
  }
  return forms;
}
