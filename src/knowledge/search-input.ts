/**
 * What a search box input asks for. Most people type a question or a few words: those match any
 * of their meaningful words and rank by how much of them a passage covers. Operators (quoted
 * phrases, a leading `-`, `OR`) apply only when the input is clearly search syntax: a quoted
 * phrase or an upper-case OR between words. Otherwise `-x` is an option name and "or" a word.
 */
export interface SearchInput {
  /** The words ranking is about (excluded words left out). */
  terms: string;
  /** Web-search syntax every result must satisfy, or null for none. */
  filter: string | null;
}

/** Longest input the scans below look at; the search DTO allows less. */
const MAX_INPUT = 2_000;

const hasQuotedPhrase = (input: string): boolean => {
  const first = input.indexOf('"');
  const second = first < 0 ? -1 : input.indexOf('"', first + 1);
  return second > first + 1 && /\w/.test(input.slice(first + 1, second));
};

const hasOrOperator = (input: string): boolean => /\w\s+OR\s+[-"\w]/.test(input);

/** Whether the input uses search operators on purpose. */
export const isSearchSyntax = (input: string): boolean => hasQuotedPhrase(input) || hasOrOperator(input);

export function parseSearchInput(raw: string): SearchInput {
  const input = raw.slice(0, MAX_INPUT);
  if (!isSearchSyntax(input)) return { terms: input, filter: null };
  // `--flag` is a name even here; only a single dash before a word excludes it.
  const filter = input.replace(/(^|\s)-{2,}(?=\w)/g, '$1');
  const terms = filter
    .split(/\s+/)
    .filter((word) => !/^-\w/.test(word) && word !== 'OR')
    .join(' ');
  return { terms, filter };
}

/** A question to the assistant: never search syntax, every meaningful word counts. */
export const questionInput = (question: string): SearchInput => ({ terms: question.slice(0, MAX_INPUT), filter: null });
