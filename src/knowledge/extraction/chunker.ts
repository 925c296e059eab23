import type { TextBlock } from './text-block';

export interface Chunk {
  position: number;
  headingPath: string[];
  text: string;
  /** Offsets of `text` in the extracted text (`ChunkedDocument.text`). */
  startOffset: number;
  endOffset: number;
}

export interface ChunkedDocument {
  /** Headings and paragraphs joined by blank lines: what the offsets point into. */
  text: string;
  chunks: Chunk[];
}

export interface ChunkOptions {
  /** Aimed-at chunk length, in characters: a few paragraphs, sized for retrieval. */
  targetChars: number;
  /** Characters the next chunk of a section repeats from the end of the previous one. */
  overlapChars: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { targetChars: 1_200, overlapChars: 200 };

interface Section {
  headingPath: string[];
  start: number;
  end: number;
}

const isSpace = (char: string | undefined): boolean =>
  char === ' ' || char === '\n' || char === '\t' || char === '\r' || char === '\f';

/** Where to end a window of `text` that should end near `limit`: a paragraph, sentence or word boundary, never inside a word. */
function breakPoint(text: string, start: number, limit: number, sectionEnd: number): number {
  if (limit >= sectionEnd) return sectionEnd;
  const floor = start + Math.floor((limit - start) / 2);
  const paragraphEnd = text.lastIndexOf('\n\n', limit);
  if (paragraphEnd > floor) return paragraphEnd;
  for (let at = limit; at > floor; at--) {
    if (isSpace(text[at]) && '.!?'.includes(text[at - 1])) return at;
  }
  for (let at = limit; at > floor; at--) {
    if (isSpace(text[at])) return at;
  }
  // One token longer than half a chunk: end at the next space rather than cut the word.
  let end = limit;
  while (end < sectionEnd && !isSpace(text[end])) end++;
  return end;
}

/** Where the next window starts: `overlapChars` back from `end`, moved forward to the start of a word. */
function nextStart(text: string, start: number, end: number, overlap: number): number {
  let next = Math.max(start + 1, end - overlap);
  while (next < end && !isSpace(text[next - 1])) next++;
  while (next < end && isSpace(text[next])) next++;
  return next >= end ? end : next;
}

/** Splits the text into sections, one per heading, each remembering the headings above it. */
function sectionsOf(blocks: TextBlock[]): { text: string; sections: Section[] } {
  const parts: string[] = [];
  const sections: Section[] = [];
  const headings: Array<{ level: number; text: string }> = [];
  let offset = 0;
  let current: Section | null = null;
  for (const block of blocks) {
    if (parts.length > 0) offset += 2;
    if (block.kind === 'heading') {
      while (headings.length > 0 && headings[headings.length - 1].level >= block.level) headings.pop();
      headings.push({ level: block.level, text: block.text });
      current = null;
    } else {
      current ??= sections[sections.push({ headingPath: headings.map((h) => h.text), start: offset, end: offset }) - 1];
      current.end = offset + block.text.length;
    }
    parts.push(block.text);
    offset += block.text.length;
  }
  return { text: parts.join('\n\n'), sections };
}

/**
 * Heading-aware chunking: a chunk never crosses a heading, carries the path of headings above
 * it, ends on a paragraph, sentence or word boundary (never inside a word), and repeats the end
 * of the previous chunk of its section so a sentence cut at a boundary is still found whole.
 */
export function chunkDocument(blocks: TextBlock[], options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): ChunkedDocument {
  const { text, sections } = sectionsOf(blocks);
  const chunks: Chunk[] = [];
  for (const section of sections) {
    let start = section.start;
    while (start < section.end) {
      const end = breakPoint(text, start, start + options.targetChars, section.end);
      const raw = text.slice(start, end);
      const leading = raw.length - raw.trimStart().length;
      const body = raw.trim();
      if (body) {
        chunks.push({
          position: chunks.length,
          headingPath: section.headingPath,
          text: body,
          startOffset: start + leading,
          endOffset: start + leading + body.length,
        });
      }
      if (end >= section.end) break;
      start = nextStart(text, start, end, options.overlapChars);
    }
  }
  return { text, chunks };
}
