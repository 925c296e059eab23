/** Formats the knowledge base reads. Detected from the bytes, never taken from a name or header. */
export const DOCUMENT_FORMATS = ['text', 'markdown', 'html', 'pdf', 'docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** Formats a client may send as JSON text. */
export const TEXT_FORMATS = ['markdown', 'text', 'html'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

export const DOCUMENT_STATUSES = ['queued', 'processing', 'ready', 'failed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
