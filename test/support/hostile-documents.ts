import { constants, crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { DOCX_CONTENT_TYPES } from './document-fixtures';

const MB = 1024 * 1024;

/** Deflates `megabytes` MB of one repeated byte without holding them: the same 1 MB block, flushed each time. */
function deflateRepeated(megabytes: number, byte: number, raw: boolean): { data: Buffer; crc: number } {
  const block = Buffer.alloc(MB, byte);
  const once = (raw ? deflateRawSync : deflateSync)(block, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  // A sync-flushed deflate block ends on a byte boundary: repeating it repeats the 1 MB it stands for.
  const body = raw ? once : once.subarray(2);
  const end = Buffer.from([0x03, 0x00]);
  let crc = 0;
  for (let i = 0; i < megabytes; i++) crc = crc32(block, crc);
  const parts = Array.from({ length: megabytes }, () => body);
  return { data: Buffer.concat(raw ? [...parts, end] : [once.subarray(0, 2), ...parts, end]), crc };
}

interface ZipEntryInput {
  name: string;
  /** Deflated (raw) bytes, or stored bytes when `stored`. */
  data: Buffer;
  crc: number;
  size: number;
  stored?: boolean;
  /** The size the headers claim, when they lie. */
  declaredSize?: number;
}

/** A zip written by hand, so headers can say what a hostile archive would say. */
function zip(entries: ZipEntryInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const method = entry.stored ? 0 : 8;
    const size = entry.declaredSize ?? entry.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const deflated = (name: string, text: string): ZipEntryInput => {
  const bytes = Buffer.from(text);
  return { name, data: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
};

const WORD_DOCUMENT =
  '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:body><w:p><w:r><w:t>Hostile archive, harmless text.</w:t></w:r></w:p></w:body></w:document>';

function docx(extra: ZipEntryInput[], document: ZipEntryInput = deflated('word/document.xml', WORD_DOCUMENT)): Buffer {
  return zip([deflated('[Content_Types].xml', DOCX_CONTENT_TYPES), document, ...extra]);
}

/** A PDF whose only page draws the given content stream, with a correct cross-reference table. */
function pdf(stream: { dictionary: string; data: Buffer }, extraObjects: string[] = []): Buffer {
  const objects: Array<string | Buffer> = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>',
    Buffer.concat([
      Buffer.from(`<< ${stream.dictionary} /Length ${stream.data.length} >>\nstream\n`, 'latin1'),
      stream.data,
      Buffer.from('\nendstream', 'latin1'),
    ]),
    ...extraObjects,
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0].length;
  objects.forEach((object, index) => {
    offsets.push(length);
    const body = Buffer.concat([
      Buffer.from(`${index + 1} 0 obj\n`, 'latin1'),
      typeof object === 'string' ? Buffer.from(object, 'latin1') : object,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    parts.push(body);
    length += body.length;
  });
  const xref = [
    'xref',
    `0 ${objects.length + 1}`,
    '0000000000 65535 f ',
    ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n `),
    'trailer',
    `<< /Size ${objects.length + 1} /Root 1 0 R >>`,
    'startxref',
    String(length),
    '%%EOF',
  ].join('\n');
  return Buffer.concat([...parts, Buffer.from(xref, 'latin1')]);
}

export interface HostileDocument {
  name: string;
  bytes: Buffer;
  /** How indexing may end: `ready`, or `failed` with one of these codes. */
  expected: Array<'ready' | 'too_large' | 'corrupt_file' | 'no_text' | 'timeout'>;
}

/**
 * The adversarial corpus, generated here: decompression bombs that lie and ones that do not,
 * nested archives, PDF stream bombs behind several filters, deep PDF nesting, and text shaped to
 * make backtracking patterns explode. `bombMb` is what the bombs really inflate to; the tests
 * set a smaller inflation limit.
 */
export function hostileDocuments(bombMb: number): HostileDocument[] {
  const spaces = deflateRepeated(bombMb, 0x20, true);
  const zeros = deflateRepeated(bombMb, 0x30, false);
  const nestedBomb = zip([{ name: 'inner.xml', data: spaces.data, crc: spaces.crc, size: bombMb * MB }]);
  const pageText = Buffer.from('BT /F1 12 Tf 72 712 Td (Hello) Tj ET');
  return [
    {
      name: 'docx whose document.xml lies: 1,000 bytes declared',
      bytes: docx([], {
        name: 'word/document.xml',
        data: spaces.data,
        crc: spaces.crc,
        size: bombMb * MB,
        declaredSize: 1_000,
      }),
      expected: ['corrupt_file', 'too_large'],
    },
    {
      name: 'docx with an honest entry past the limit',
      bytes: docx([{ name: 'word/media/blank.bin', data: spaces.data, crc: spaces.crc, size: bombMb * MB }]),
      expected: ['too_large'],
    },
    {
      name: 'docx with many small entries adding up past the limit',
      bytes: docx(
        Array.from({ length: 64 }, (_, i) => {
          const part = deflateRepeated(Math.ceil(bombMb / 32), 0x20, true);
          return { name: `word/media/part${i}.bin`, data: part.data, crc: part.crc, size: Math.ceil(bombMb / 32) * MB };
        }),
      ),
      expected: ['too_large'],
    },
    {
      name: 'docx carrying a nested zip bomb (stored, never opened)',
      bytes: docx([
        {
          name: 'word/embeddings/inner.zip',
          data: nestedBomb,
          crc: crc32(nestedBomb),
          size: nestedBomb.length,
          stored: true,
        },
      ]),
      expected: ['ready'],
    },
    {
      name: 'pdf with a FlateDecode page stream bomb',
      bytes: pdf({ dictionary: '/Filter /FlateDecode', data: zeros.data }),
      expected: ['too_large'],
    },
    {
      name: 'pdf with the bomb behind ASCIIHexDecode',
      bytes: pdf({
        dictionary: '/Filter [/ASCIIHexDecode /FlateDecode]',
        data: Buffer.from(zeros.data.toString('hex')),
      }),
      expected: ['too_large'],
    },
    {
      name: 'pdf with a RunLengthDecode bomb',
      bytes: pdf({
        dictionary: '/Filter /RunLengthDecode',
        // 129 means "repeat the next byte 128 times": 2 bytes in, 128 out.
        data: Buffer.concat([Buffer.alloc((bombMb * MB) / 64, Buffer.from([129, 0x30])), Buffer.from([128])]),
      }),
      expected: ['too_large'],
    },
    {
      name: 'pdf with objects nested 200,000 deep',
      bytes: pdf({ dictionary: '', data: pageText }, [`${'['.repeat(200_000)}${']'.repeat(200_000)}`]),
      expected: ['ready', 'corrupt_file', 'no_text'],
    },
    {
      name: 'pdf whose page text is ordinary',
      bytes: pdf({ dictionary: '', data: pageText }),
      expected: ['ready', 'no_text'],
    },
    // Whitespace-only shapes have no text to index (`no_text`); a Markdown parser slow on a shape
    // meets the parse time limit in its own process (`timeout`).
    ...redosTexts().map((text) => ({ ...text, expected: ['ready' as const, 'no_text' as const, 'timeout' as const] })),
    {
      name: 'one 4 MB line without a space',
      bytes: Buffer.alloc(4 * MB, 'a'),
      expected: ['ready'],
    },
  ];
}

/** Text shaped against each pattern on the upload path: the prefixes that make a backtracking regex retry. */
export function redosTexts(): Array<{ name: string; bytes: Buffer }> {
  const shapes: Array<[string, string, string]> = [
    ['HTML comments before no root', '<!---->', 'x'],
    ['comment openers without end', '<!--', 'x'],
    ['block tags never closed', '<p ', 'x'],
    ['block tags of attributes', '<div a="1" ', ''],
    ['link brackets without close', '[', 'x'],
    ['link targets without close', '[a](', 'x'],
    ['bold markers without close', '**a', 'x'],
    ['emphasis of both kinds, never closed', '*a _b', 'x'],
    ['image brackets without close', '![', 'x'],
    ['block quotes nested deeper and deeper', '> ', 'x'],
    ['setext candidates', 'a\n', '='],
    ['heading hashes', '#', 'x'],
    ['list markers', '- ', ''],
    ['numbered list digits', '1', 'x'],
    ['blank-line runs', '\n \n', ''],
    ['spaces then newline', ' ', '\n'],
    ['tabs and no-break spaces', '\t\u00a0', 'x'],
  ];
  return shapes.map(([name, unit, tail]) => ({
    name: `ReDoS shape: ${name}`,
    bytes: Buffer.from(`${unit.repeat(Math.ceil(100_000 / unit.length))}${tail}`),
  }));
}
