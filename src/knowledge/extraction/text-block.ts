/** What a parser hands the chunker: the document's text as headings and paragraphs, in order. */
export type TextBlock = { kind: 'heading'; level: number; text: string } | { kind: 'paragraph'; text: string };

/** Collapses runs of spaces and tabs and trims: extracted text keeps line breaks only where they mean something. */
export const tidy = (text: string): string =>
  text
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();

export const paragraph = (text: string): TextBlock[] => {
  const clean = tidy(text);
  return clean ? [{ kind: 'paragraph', text: clean }] : [];
};

/** PostgreSQL text cannot hold NUL: a document that carries one loses it rather than failing to store. */
export const storable = (blocks: TextBlock[]): TextBlock[] =>
  blocks.map((block) => (block.text.includes('\0') ? { ...block, text: block.text.replaceAll('\0', '') } : block));
