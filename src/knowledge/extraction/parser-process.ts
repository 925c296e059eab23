import type { DocumentFormat } from '../model/document-format';
import type { IndexingErrorCode } from '../model/indexing-error';
import type { ChunkedDocument } from './chunker';

/** What the parser process is sent: the bytes and how to read them. */
export interface ParserInput {
  bytes: Uint8Array;
  format: DocumentFormat;
  maxInflatedBytes: number;
}

/** What it answers: the chunks, or why the input cannot be read. */
export type ParserOutput =
  { ok: true; document: ChunkedDocument } | { ok: false; code: IndexingErrorCode; message: string };
