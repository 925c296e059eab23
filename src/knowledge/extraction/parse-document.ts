import type { DocumentFormat } from '../model/document-format';
import { IndexingError } from '../model/indexing-error';
import { decodeUtf8 } from './detect-format';
import { parseDocx } from './parse-docx';
import { parseHtml } from './parse-html';
import { parseMarkdown } from './parse-markdown';
import { parsePdf } from './parse-pdf';
import { parseText } from './parse-text';
import type { TextBlock } from './text-block';

export interface ParseLimits {
  maxInflatedBytes: number;
}

function textOf(bytes: Buffer): string {
  const text = decodeUtf8(bytes);
  if (text === null) throw new IndexingError('corrupt_file');
  return text;
}

/** The document's headings and paragraphs, by format; an IndexingError for input that cannot be read. */
export async function parseDocument(bytes: Buffer, format: DocumentFormat, limits: ParseLimits): Promise<TextBlock[]> {
  switch (format) {
    case 'pdf':
      return parsePdf(bytes, limits.maxInflatedBytes);
    case 'docx':
      return parseDocx(bytes, limits.maxInflatedBytes);
    case 'html':
      return parseHtml(textOf(bytes));
    case 'markdown':
      return parseMarkdown(textOf(bytes));
    case 'text':
      return parseText(textOf(bytes));
  }
}
