import { createHash } from 'node:crypto';

/**
 * What is embedded for a chunk: its headings, then its text, one per line. The migration's
 * SQL twin (CHUNK_INPUT_SQL) must build the same string, so an unchanged chunk keeps its vector.
 */
export const chunkInput = (headingPath: string[], text: string): string => [...headingPath, text].join('\n');

/** The same string in SQL, over a document_chunks row aliased `alias`. */
export const chunkInputSql = (alias: string): string =>
  `array_to_string(${alias}.heading_path || ${alias}.text, E'\\n')`;

export const textHash = (input: string): string => createHash('sha256').update(input, 'utf8').digest('hex');

/** SQL of textHash over chunkInputSql. */
export const textHashSql = (alias: string): string =>
  `encode(sha256(convert_to(${chunkInputSql(alias)}, 'UTF8')), 'hex')`;

/** The input cut to the model's limit, on a word boundary where there is one near. */
export function fitInput(input: string, maxChars: number): { text: string; truncated: boolean } {
  if (input.length <= maxChars) return { text: input, truncated: false };
  const cut = input.slice(0, maxChars);
  const lastSpace = cut.search(/\s\S*$/);
  return { text: lastSpace > maxChars * 0.8 ? cut.slice(0, lastSpace) : cut, truncated: true };
}
