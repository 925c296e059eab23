/**
 * Why a document failed to index. The first five are the input's fault and never retried;
 * `indexing_failed` is a transient fault that outlived its retries.
 */
export const INDEXING_ERROR_CODES = [
  'corrupt_file',
  'unsupported_format',
  'no_text',
  'too_large',
  'timeout',
  'indexing_failed',
] as const;
export type IndexingErrorCode = (typeof INDEXING_ERROR_CODES)[number];

const SAFE_MESSAGES: Record<IndexingErrorCode, string> = {
  corrupt_file: 'The file is damaged or incomplete and could not be read',
  unsupported_format: 'The file uses a feature that cannot be read (for example a password)',
  no_text: 'The file contains no text that could be extracted',
  too_large: 'The file expands to more content than can be indexed',
  timeout: 'Reading the file took too long',
  indexing_failed: 'Indexing failed repeatedly; re-index the document to try again',
};

/** A failure with a stable code and a message safe to show the document's owner. */
export class IndexingError extends Error {
  constructor(
    readonly code: IndexingErrorCode,
    message = SAFE_MESSAGES[code],
  ) {
    super(message);
    this.name = 'IndexingError';
  }
}
