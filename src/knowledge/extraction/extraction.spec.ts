import { makeDocx, makePdf, makeZipBomb } from '../../../test/support/document-fixtures';
import { IndexingError } from '../model/indexing-error';
import { parseInProcess } from './parse-in-process';
import { detectFormat } from './detect-format';
import { parseDocument } from './parse-document';
import { parseHtml } from './parse-html';
import { parseMarkdown } from './parse-markdown';
import { redosTexts } from '../../../test/support/hostile-documents';

const limits = { maxInflatedBytes: 10 * 1024 * 1024 };
const codeOf = (promise: Promise<unknown>): Promise<string> =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof IndexingError ? error.code : `unexpected ${String(error)}`),
  );

describe('detectFormat', () => {
  it('reads the format from the bytes, whatever the file is called', async () => {
    expect(await detectFormat(await makePdf([{ heading: 'A', paragraphs: ['b'] }]))).toBe('pdf');
    expect(await detectFormat(await makeDocx('T', [{ heading: 'A', paragraphs: ['b'] }]))).toBe('docx');
    expect(await detectFormat(Buffer.from('<!DOCTYPE html><html><body><p>Hi</p></body></html>'))).toBe('html');
    expect(await detectFormat(Buffer.from('# Title\n\nSome text.'))).toBe('markdown');
    expect(await detectFormat(Buffer.from('Just a note about refunds.\nSecond line.'))).toBe('text');
    expect(await detectFormat(Buffer.alloc(0))).toBe('text');
  });

  it('refuses binaries and zips that are not Word documents', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
    expect(await detectFormat(png)).toBeNull();
    expect(await detectFormat(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]))).toBeNull();
    expect(await detectFormat(Buffer.from([0xc3, 0x28, 0x41]))).toBeNull();
    expect(await detectFormat(Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40)]))).toBeNull();
  });
});

describe('parsers', () => {
  it('HTML: drops scripts and styles, keeps headings and decodes entities', () => {
    const blocks = parseHtml(
      '<html><head><title>x</title><style>p{}</style></head><body><h1>Billing</h1><script>steal()</script>' +
        '<p>Pay by card &amp; invoice.</p><h2>Refunds</h2><p>Within <b>30</b> days.</p></body></html>',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Billing' },
      { kind: 'paragraph', text: 'Pay by card & invoice.' },
      { kind: 'heading', level: 2, text: 'Refunds' },
      { kind: 'paragraph', text: 'Within 30 days.' },
    ]);
  });

  it('HTML: drops navigation (nav, role, tables of contents, DocBook headers) and keeps the text after it', () => {
    const blocks = parseHtml(
      '<body><div class="navheader"><a href="ch01.html">Prev</a> Chapter 2. Tuning <br> <img src="x.png"></div>' +
        '<h1>Tuning</h1><div class="toc"><dl><dt><a href="#s1">2.1. Disks</a></dt><dd><dl><dt>2.1.1 Wipe</dt></dl></dd></dl></div>' +
        '<nav id="TOC"><ul><li><a href="#s1">Disks</a></li></ul></nav><div role="navigation">Home › Guide</div>' +
        '<div id="s1" class="section"><h2>Disks</h2><p>Erase a disk with <code>shred</code> first.</p></div>' +
        '<p class="lead">Kept.</p><div class="navfooter"><a href="ch03.html">Next</a></div></body>',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Tuning' },
      { kind: 'heading', level: 2, text: 'Disks' },
      { kind: 'paragraph', text: 'Erase a disk with shred first.' },
      { kind: 'paragraph', text: 'Kept.' },
    ]);
  });

  it('Markdown: keeps ATX and setext headings, strips inline marks', () => {
    const blocks = parseMarkdown(
      'Setup\n=====\n\nRun **npm start** and see [the docs](https://x.test).\n\n## Next\n\n- one\n- two\n',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Setup' },
      { kind: 'paragraph', text: 'Run npm start and see the docs.' },
      { kind: 'heading', level: 2, text: 'Next' },
      { kind: 'paragraph', text: 'one' },
      { kind: 'paragraph', text: 'two' },
    ]);
  });

  it('Markdown: reads every ReDoS-shaped text of the hostile corpus without failing (marked overflowed its stack on nested quotes)', () => {
    for (const { name, bytes } of redosTexts()) {
      expect({ name, blocks: Array.isArray(parseMarkdown(bytes.toString('utf8'))) }).toEqual({ name, blocks: true });
    }
  });

  // pdf.js loads itself with a dynamic import() that Jest's CommonJS runtime cannot run: PDFs are
  // parsed in the real parser process, as the worker does.
  const processLimits = { timeoutMs: 60_000, memoryMb: 256, ...limits };
  // Each parser process compiles its TypeScript entry first: slow on a busy machine.
  const PROCESS_TEST_MS = 120_000;

  it(
    'PDF (in the parser process): larger lines become headings',
    async () => {
      const pdf = await makePdf(
        [{ heading: 'Exceptions', paragraphs: ['Gift cards are never refundable.'] }],
        'Refund Policy',
      );
      const { chunks } = await parseInProcess(pdf, 'pdf', processLimits);
      expect(chunks).toEqual([
        expect.objectContaining({
          headingPath: ['Refund Policy', 'Exceptions'],
          text: 'Gift cards are never refundable.',
        }),
      ]);
    },
    PROCESS_TEST_MS,
  );

  it(
    'parser process: a truncated PDF is corrupt, an empty text has no text, a slow parse times out',
    async () => {
      const pdf = await makePdf([{ heading: 'A', paragraphs: ['Some text here.'] }]);
      const truncated = pdf.subarray(0, Math.floor(pdf.length / 2));
      expect(await codeOf(parseInProcess(truncated, 'pdf', processLimits))).toBe('corrupt_file');
      expect(await codeOf(parseInProcess(Buffer.alloc(0), 'text', processLimits))).toBe('no_text');
      const huge = Buffer.from('word '.repeat(2_000_000));
      expect(await codeOf(parseInProcess(huge, 'markdown', { ...processLimits, timeoutMs: 1 }))).toBe('timeout');
    },
    PROCESS_TEST_MS,
  );

  it('DOCX: Word heading styles become headings', async () => {
    const docx = await makeDocx('Onboarding', [{ heading: 'Accounts', paragraphs: ['Create your account first.'] }]);
    expect(await parseDocument(docx, 'docx', limits)).toEqual([
      { kind: 'heading', level: 1, text: 'Onboarding' },
      { kind: 'heading', level: 2, text: 'Accounts' },
      { kind: 'paragraph', text: 'Create your account first.' },
    ]);
  });

  it('refuses a PDF without its trailer, a zip bomb and undecodable text with stable codes', async () => {
    const pdf = await makePdf([{ heading: 'A', paragraphs: ['Some text here.'] }]);
    expect(await codeOf(parseDocument(pdf.subarray(0, Math.floor(pdf.length / 2)), 'pdf', limits))).toBe(
      'corrupt_file',
    );
    expect(await codeOf(parseDocument(await makeZipBomb(20 * 1024 * 1024), 'docx', limits))).toBe('too_large');
    expect(await codeOf(parseDocument(Buffer.from('PK\x03\x04 not really a zip'), 'docx', limits))).toBe(
      'corrupt_file',
    );
    expect(await codeOf(parseDocument(Buffer.from([0xc3, 0x28]), 'text', limits))).toBe('corrupt_file');
  });
});
