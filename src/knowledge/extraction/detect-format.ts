import type { DocumentFormat } from '../model/document-format';
import { readZipEntries } from './zip-entries';

const PDF_MAGIC = Buffer.from('%PDF-');
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const HTML_DOCUMENT = /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype\s+html|html|head|body)\b/i;
const HTML_BLOCK_TAG = /<(p|div|h[1-6]|article|section|main|ul|ol|li|table|br)\b[^>]*>/gi;
const MARKDOWN_HEADING = /^(#{1,6}[ \t]+\S|\S.*\n(=+|-+)[ \t]*$)/m;
const MARKDOWN_SYNTAX = /^(```|~~~|[-*+][ \t]+\S|\d+\.[ \t]+\S|>[ \t]?\S)|\[[^\]\n]+\]\([^)\s]+\)|\*\*[^*\n]+\*\*/gm;
// Control characters other than tab, newline, form feed and carriage return do not occur in text.
// eslint-disable-next-line no-control-regex -- matching them is the point
const BINARY_CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;

/** Strict UTF-8 decoding: a file that is not valid UTF-8 is not text we can index. */
export function decodeUtf8(bytes: Buffer): string | null {
  const body = bytes.subarray(0, 3).equals(UTF8_BOM) ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return null;
  }
}

function isDocx(bytes: Buffer): boolean {
  const names = new Set(readZipEntries(bytes)?.map((entry) => entry.name));
  return names.has('[Content_Types].xml') && names.has('word/document.xml');
}

/** Tells which textual format a string is written in; plain text when nothing marks it. */
export function detectTextFormat(text: string): 'html' | 'markdown' | 'text' {
  if (HTML_DOCUMENT.test(text)) return 'html';
  if (text.trimStart().startsWith('<') && (text.match(HTML_BLOCK_TAG)?.length ?? 0) >= 2) return 'html';
  if (MARKDOWN_HEADING.test(text) || (text.match(MARKDOWN_SYNTAX)?.length ?? 0) >= 2) return 'markdown';
  return 'text';
}

/**
 * The format of an upload, from its bytes alone (magic numbers, a look at the zip directory,
 * strict UTF-8 decoding), or null when it is none we read. An empty file counts as text: it is
 * accepted and then fails indexing with `no_text`, which tells its owner why.
 */
export function detectFormat(bytes: Buffer): DocumentFormat | null {
  if (bytes.subarray(0, 1024).includes(PDF_MAGIC)) return 'pdf';
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) return isDocx(bytes) ? 'docx' : null;
  const text = decodeUtf8(bytes);
  if (text === null || BINARY_CONTROL.test(text)) return null;
  return detectTextFormat(text);
}
