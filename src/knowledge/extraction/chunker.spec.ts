import type { TextBlock } from './text-block';
import { chunkDocument } from './chunker';

const words = (count: number, word = 'lorem'): string =>
  Array.from({ length: count }, (_, i) => `${word}${i}`).join(' ');

describe('chunkDocument', () => {
  const blocks: TextBlock[] = [
    { kind: 'heading', level: 1, text: 'Guide' },
    { kind: 'paragraph', text: 'Intro paragraph.' },
    { kind: 'heading', level: 2, text: 'Install' },
    { kind: 'paragraph', text: words(400) },
    { kind: 'heading', level: 2, text: 'Configure' },
    { kind: 'heading', level: 3, text: 'Database' },
    { kind: 'paragraph', text: 'Set DATABASE_URL.' },
    { kind: 'heading', level: 1, text: 'Appendix' },
    { kind: 'paragraph', text: 'The end.' },
  ];
  const { text, chunks } = chunkDocument(blocks, { targetChars: 500, overlapChars: 100 });

  it('gives each chunk the path of headings above it, and never crosses a heading', () => {
    expect(chunks[0]).toMatchObject({ headingPath: ['Guide'], text: 'Intro paragraph.' });
    expect(chunks.find((c) => c.text === 'Set DATABASE_URL.')?.headingPath).toEqual(['Guide', 'Configure', 'Database']);
    expect(chunks.at(-1)).toMatchObject({ headingPath: ['Appendix'], text: 'The end.' });
    expect(chunks.filter((c) => c.headingPath.join('/') === 'Guide/Install').length).toBeGreaterThan(3);
  });

  it('points offsets at the chunk in the extracted text and numbers chunks in order', () => {
    chunks.forEach((chunk, index) => {
      expect(chunk.position).toBe(index);
      expect(text.slice(chunk.startOffset, chunk.endOffset)).toBe(chunk.text);
    });
  });

  it('never splits a word, keeps chunks near the target and overlaps consecutive chunks', () => {
    const install = chunks.filter((c) => c.headingPath.at(-1) === 'Install');
    for (const chunk of install) {
      expect(chunk.text).toMatch(/^lorem\d+( lorem\d+)*$/);
      expect(chunk.text.length).toBeLessThanOrEqual(500);
    }
    for (let i = 1; i < install.length; i++) {
      expect(install[i].startOffset).toBeLessThan(install[i - 1].endOffset);
      expect(install[i - 1].endOffset - install[i].startOffset).toBeLessThanOrEqual(100);
    }
    const covered = install.map((c) => c.text.split(' ')).flat();
    expect(new Set(covered).size).toBe(400);
  });

  it('keeps a token longer than a chunk whole', () => {
    const long = 'x'.repeat(900);
    const result = chunkDocument([{ kind: 'paragraph', text: `short ${long} tail` }], {
      targetChars: 300,
      overlapChars: 50,
    });
    expect(result.chunks.some((c) => c.text.includes(long))).toBe(true);
    expect(result.chunks.every((c) => !/\bx+\b/.test(c.text) || c.text.includes(long))).toBe(true);
  });

  it('makes no chunk from headings alone', () => {
    expect(chunkDocument([{ kind: 'heading', level: 1, text: 'Only a title' }]).chunks).toEqual([]);
  });
});
