import { constants, inflateSync } from 'node:zlib';
import { IndexingError } from '../model/indexing-error';

/** How far before `stream` its dictionary may start; real dictionaries are a few hundred bytes. */
const MAX_DICTIONARY_BYTES = 8_192;
const STREAM_KEYWORD = /stream\r?\n/y;
const FILTER = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/;

/**
 * One filter stage within `budget` output bytes: how many bytes it produces, and its output
 * when a later stage needs it (null when the chain cannot be followed further).
 */
type Stage = (data: Buffer, budget: number) => { size: number; output: Buffer | null };

function tooLarge(): never {
  throw new IndexingError('too_large');
}

const flate: Stage = (data, budget) => {
  try {
    // Z_SYNC_FLUSH: a truncated stream yields what it has, as pdf.js would read it.
    const output = inflateSync(data, { maxOutputLength: budget + 1, finishFlush: constants.Z_SYNC_FLUSH });
    return { size: output.length, output };
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') tooLarge();
    return { size: 0, output: null };
  }
};

const asciiHex: Stage = (data) => {
  const digits = data.toString('latin1').replace(/[^0-9a-fA-F]/g, '');
  const output = Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex');
  return { size: output.length, output };
};

const ascii85: Stage = (data) => {
  const text = data.toString('latin1').replace(/\s/g, '').replace(/^<~/, '').split('~>')[0];
  // At most four bytes per character ('z' stands for four zero bytes).
  const out = Buffer.alloc(text.length * 4);
  let written = 0;
  let group: number[] = [];
  const emit = (values: number[], bytes: number): void => {
    const padded = [...values, 84, 84, 84, 84].slice(0, 5);
    const value = padded.reduce((sum, digit) => sum * 85 + digit, 0);
    for (let i = 0; i < bytes; i++) out[written++] = Math.floor(value / 2 ** (24 - 8 * i)) & 0xff;
  };
  for (const char of text) {
    if (char === 'z' && group.length === 0) {
      written += 4;
      continue;
    }
    const digit = char.charCodeAt(0) - 33;
    if (digit < 0 || digit > 84) continue;
    group.push(digit);
    if (group.length === 5) {
      emit(group, 4);
      group = [];
    }
  }
  if (group.length > 1) emit(group, group.length - 1);
  return { size: written, output: out.subarray(0, written) };
};

/** RunLengthDecode only repeats bytes: its output length is counted before anything is allocated. */
const runLength: Stage = (data, budget) => {
  let size = 0;
  for (let at = 0; at < data.length;) {
    const length = data[at];
    if (length === 128) break;
    if (length < 128) {
      size += length + 1;
      at += length + 2;
    } else {
      size += 257 - length;
      at += 2;
    }
    if (size > budget) tooLarge();
  }
  // The size is what counts; no later stage of a text-bearing stream follows run-length coding.
  return { size, output: null };
};

/** LZWDecode: codes are decoded into lengths only (each new entry is its prefix plus one byte). */
const lzw: Stage = (data, budget) => {
  const lengths: number[] = [];
  const reset = (): void => {
    lengths.length = 0;
    for (let i = 0; i < 258; i++) lengths.push(1);
  };
  reset();
  let size = 0;
  let width = 9;
  let bits = 0;
  let buffer = 0;
  let previous = -1;
  for (const byte of data) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= width) {
      const code = (buffer >>> (bits - width)) & ((1 << width) - 1);
      bits -= width;
      buffer &= (1 << bits) - 1;
      if (code === 257) return { size, output: null };
      if (code === 256) {
        reset();
        width = 9;
        previous = -1;
        continue;
      }
      const length = code < lengths.length ? lengths[code] : previous >= 0 ? lengths[previous] + 1 : 1;
      size += length;
      if (size > budget) tooLarge();
      if (previous >= 0 && lengths.length < 4096) lengths.push(lengths[previous] + 1);
      // Early change (the PDF default): the code width grows one entry before the table fills it.
      if (lengths.length + 1 >= 1 << width && width < 12) width++;
      previous = code;
    }
  }
  // The size is what counts; no later stage of a text-bearing stream follows LZW.
  return { size, output: null };
};

const STAGES: Record<string, Stage> = {
  FlateDecode: flate,
  Fl: flate,
  ASCIIHexDecode: asciiHex,
  AHx: asciiHex,
  ASCII85Decode: ascii85,
  A85: ascii85,
  RunLengthDecode: runLength,
  RL: runLength,
  LZWDecode: lzw,
  LZW: lzw,
};

function filtersOf(dictionary: string): string[] {
  const match = FILTER.exec(dictionary);
  return match ? (match[1].match(/\/[A-Za-z0-9]+/g) ?? []).map((name) => name.slice(1)) : [];
}

/** Bytes one stream produces through its filter chain, up to the first stage we do not decode. */
function decodedSize(data: Buffer, filters: string[], budget: number): number {
  let current: Buffer | null = data;
  let produced = 0;
  for (const filter of filters) {
    const stage = STAGES[filter];
    if (!stage || !current) break;
    const { size, output } = stage(current, budget - produced);
    produced += size;
    if (produced > budget) tooLarge();
    current = output;
  }
  return produced;
}

/**
 * pdf.js inflates page and font streams without a limit. Before it opens the file, every stream
 * is run through its filter chain (Flate, LZW, run-length, ASCII hex and 85) counting the bytes
 * the filters really produce, and the document fails with `too_large` once the total passes
 * `maxInflatedBytes`. Streams cannot hide inside object streams (the format forbids it), so a
 * scan of the file's own bytes sees them all. Encrypted streams do not inflate here; the parser
 * process's memory limit is what bounds those.
 */
export function assertPdfStreamsInflateWithin(bytes: Buffer, maxInflatedBytes: number): void {
  let total = 0;
  let from = 0;
  // A dictionary is looked for only after the previous stream's data, so the scan stays linear.
  let previousEnd = 0;
  for (;;) {
    const at = bytes.indexOf('stream', from, 'latin1');
    if (at < 0) return;
    from = at + 6;
    if (bytes.toString('latin1', at - 3, at) === 'end') continue;
    STREAM_KEYWORD.lastIndex = 0;
    const keyword = STREAM_KEYWORD.exec(bytes.toString('latin1', at, at + 8));
    if (!keyword) continue;
    const dataStart = at + keyword[0].length;
    const end = bytes.indexOf('endstream', dataStart, 'latin1');
    const dataEnd = end < 0 ? bytes.length : end;
    const head = bytes.toString('latin1', Math.max(previousEnd, at - MAX_DICTIONARY_BYTES), at);
    const dictionary = head.slice(head.lastIndexOf('obj') + 1);
    total += decodedSize(bytes.subarray(dataStart, dataEnd), filtersOf(dictionary), maxInflatedBytes - total);
    if (total > maxInflatedBytes) tooLarge();
    from = dataEnd;
    previousEnd = dataEnd;
  }
}
