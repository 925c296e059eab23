import type { DocumentFormat } from './model/document-format';

/** A document as received, whichever way it came (multipart file or JSON text). */
export interface DocumentUpload {
  bytes: Buffer;
  title?: string;
  filename: string | null;
  /** Set for JSON text, whose format the client names; files are detected from their bytes. */
  declaredFormat?: DocumentFormat;
}

/** What an upload did: a new document (202, queued) or the one already holding these bytes (200). */
export interface UploadResult<T> {
  document: T;
  created: boolean;
}
