import type { DocumentFormat } from '../document-format';
import type { ChunkedDocument } from '../indexing/chunker';
import type { IndexingErrorCode } from '../indexing/indexing-error';

/** What the parser process is sent: the bytes and how to read them. */
export interface ParserInput {
  bytes: Uint8Array;
  format: DocumentFormat;
  maxInflatedBytes: number;
}

/** What it answers: the chunks, or why the input cannot be read. */
export type ParserOutput =
  { ok: true; document: ChunkedDocument } | { ok: false; code: IndexingErrorCode; message: string };
