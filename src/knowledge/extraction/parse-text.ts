import { paragraph, type TextBlock } from './text-block';

/** Plain text: paragraphs are separated by blank lines; there are no headings. */
export const parseText = (text: string): TextBlock[] => text.split(/\r?\n\s*\r?\n/).flatMap(paragraph);
