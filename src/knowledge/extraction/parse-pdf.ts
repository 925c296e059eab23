import { extractTextItems, getDocumentProxy } from 'unpdf';
import { IndexingError } from '../model/indexing-error';
import { assertPdfStreamsInflateWithin } from './pdf-stream-inflation';
import { paragraph, type TextBlock } from './text-block';

interface Line {
  text: string;
  fontSize: number;
}

/** Lines at least this much larger than the body text read as headings. */
const HEADING_RATIO = 1.15;
const MAX_HEADING_CHARS = 200;

/** pdf.js names its errors; anything it cannot open is damaged, except a password. */
function openFailure(error: unknown): IndexingError {
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') {
    return new IndexingError('unsupported_format', 'Password-protected PDFs cannot be indexed');
  }
  return new IndexingError('corrupt_file');
}

function linesOf(items: Array<{ str: string; fontSize: number; hasEOL: boolean }>): Line[] {
  const lines: Line[] = [];
  let text = '';
  let fontSize = 0;
  for (const item of items) {
    text += item.str;
    if (item.str.trim()) fontSize = Math.max(fontSize, item.fontSize);
    if (item.hasEOL) {
      if (text.trim()) lines.push({ text: text.trim(), fontSize });
      text = '';
      fontSize = 0;
    }
  }
  if (text.trim()) lines.push({ text: text.trim(), fontSize });
  return lines;
}

/** The font size carrying the most characters: the body text. */
function bodyFontSize(lines: Line[]): number {
  const characters = new Map<number, number>();
  for (const line of lines) {
    const size = Math.round(line.fontSize * 10) / 10;
    characters.set(size, (characters.get(size) ?? 0) + line.text.length);
  }
  return [...characters.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0;
}

/**
 * PDF text through pdf.js (unpdf). A PDF has no headings as such: lines set clearly larger than
 * the body text become headings, the largest size level 1. A file without its `%%EOF` trailer
 * is truncated and refused, rather than indexed from whatever pdf.js could salvage; a file whose
 * streams inflate past `maxInflatedBytes` is refused before pdf.js inflates any of them.
 */
export async function parsePdf(bytes: Buffer, maxInflatedBytes: number): Promise<TextBlock[]> {
  if (!bytes.subarray(Math.max(0, bytes.length - 2048)).includes('%%EOF')) throw new IndexingError('corrupt_file');
  assertPdfStreamsInflateWithin(bytes, maxInflatedBytes);
  const pdf = await getDocumentProxy(new Uint8Array(bytes)).catch((error: unknown) => {
    throw openFailure(error);
  });
  try {
    const { items } = await extractTextItems(pdf).catch((error: unknown) => {
      throw openFailure(error);
    });
    const lines = items.flatMap(linesOf);
    const body = bodyFontSize(lines);
    const headingSizes = [
      ...new Set(lines.filter((line) => line.fontSize >= body * HEADING_RATIO).map((line) => line.fontSize)),
    ].sort((a, b) => b - a);
    const isHeading = (line: Line): boolean =>
      line.fontSize >= body * HEADING_RATIO && line.text.length <= MAX_HEADING_CHARS;

    const blocks: TextBlock[] = [];
    let pending: string[] = [];
    const flush = (): void => {
      blocks.push(...paragraph(pending.join('\n')));
      pending = [];
    };
    for (const line of lines) {
      if (isHeading(line)) {
        flush();
        blocks.push({ kind: 'heading', level: Math.min(6, headingSizes.indexOf(line.fontSize) + 1), text: line.text });
      } else {
        pending.push(line.text);
      }
    }
    flush();
    return blocks;
  } finally {
    await pdf.loadingTask.destroy();
  }
}
