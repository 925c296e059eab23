import { isUtf8 } from 'node:buffer';
import { fileTypeFromBuffer } from 'file-type/core';
import type { DocumentFormat } from '../model/document-format';

/**
 * Sniffing runs on the API's request thread, so it reads a bounded prefix with patterns that
 * run in linear time: every repeated class below stops at the character that would start the
 * next attempt (`[^<>]`, `[^[\]\n]`, ...), so no input makes an attempt rescan what the one
 * before it already read.
 */
export const SNIFF_PREFIX_BYTES = 64 * 1024;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const HTML_ROOT = /<(!doctype\s+html|html|head|body)\b/iy;
const HTML_BLOCK_TAG = /<(p|div|h[1-6]|article|section|main|ul|ol|li|table|br)\b[^<>]*>/gi;
const MARKDOWN_HEADING = /^(#{1,6}[ \t]+\S|\S[^\n]*\n(=+|-+)[ \t]*$)/m;
const MARKDOWN_SYNTAX = /^(```|~~~|[-*+][ \t]+\S|\d+\.[ \t]+\S|>[ \t]?\S)|\[[^[\]\n]+\]\([^()\s]+\)|\*\*[^*\n]+\*\*/gm;
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

/** Skips leading whitespace and HTML comments with indexOf, then asks whether a root element opens. */
function startsAsHtmlDocument(text: string): boolean {
  let at = 0;
  for (;;) {
    while (at < text.length && /\s/.test(text[at])) at++;
    if (!text.startsWith('<!--', at)) break;
    const end = text.indexOf('-->', at + 4);
    if (end < 0) return false;
    at = end + 3;
  }
  HTML_ROOT.lastIndex = at;
  return HTML_ROOT.test(text);
}

/** Counts matches up to `enough`, without building the array of all of them. */
function hasMatches(pattern: RegExp, text: string, enough: number): boolean {
  pattern.lastIndex = 0;
  let found = 0;
  while (found < enough && pattern.exec(text)) found++;
  pattern.lastIndex = 0;
  return found >= enough;
}

/** Tells which textual format a string is written in, from its first SNIFF_PREFIX_BYTES characters at most. */
export function detectTextFormat(whole: string): 'html' | 'markdown' | 'text' {
  const text = whole.slice(0, SNIFF_PREFIX_BYTES);
  if (startsAsHtmlDocument(text)) return 'html';
  if (text.trimStart().startsWith('<') && hasMatches(HTML_BLOCK_TAG, text, 2)) return 'html';
  if (MARKDOWN_HEADING.test(text) || hasMatches(MARKDOWN_SYNTAX, text, 2)) return 'markdown';
  return 'text';
}

/**
 * The format of an upload, from its bytes alone, or null when it is none we read. Binary
 * formats are sniffed by `file-type` (magic numbers; for a zip, the names of its first entries,
 * inflating at most 1 MB of one of them); anything else must be strict UTF-8 without binary
 * control characters in its prefix. An empty file counts as text: it is accepted and then fails
 * indexing with `no_text`, which tells its owner why.
 */
export async function detectFormat(bytes: Buffer): Promise<DocumentFormat | null> {
  const sniffed = await fileTypeFromBuffer(bytes).catch(() => undefined);
  if (sniffed?.ext === 'pdf') return 'pdf';
  if (sniffed?.ext === 'docx') return 'docx';
  if (!isUtf8(bytes)) return null;
  const prefix = bytes.subarray(0, SNIFF_PREFIX_BYTES).toString('utf8');
  if (BINARY_CONTROL.test(prefix)) return null;
  return detectTextFormat(prefix.startsWith('\ufeff') ? prefix.slice(1) : prefix);
}
