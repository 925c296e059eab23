import { ApiProperty } from '@nestjs/swagger';
import { DOCUMENT_FORMATS, DOCUMENT_STATUSES, type DocumentFormat, type DocumentStatus } from './model/document-format';
import type { KnowledgeDocument } from './model/document.entity';
import { INDEXING_ERROR_CODES, type IndexingErrorCode } from './model/indexing-error';

export class IndexingErrorView {
  @ApiProperty({ enum: INDEXING_ERROR_CODES }) code: IndexingErrorCode;
  @ApiProperty({ example: 'The file is damaged or incomplete and could not be read' }) message: string;
}

export class DocumentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Refund policy' }) title: string;
  @ApiProperty({ nullable: true, type: String, example: 'refund-policy.pdf' }) filename: string | null;
  @ApiProperty({ enum: DOCUMENT_FORMATS, description: 'Detected from the bytes' }) format: DocumentFormat;
  @ApiProperty({ example: 48213 }) sizeBytes: number;
  @ApiProperty({ enum: DOCUMENT_STATUSES }) status: DocumentStatus;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ example: 12 }) chunkCount: number;
  @ApiProperty({ example: 1, description: 'Bumped by each re-index' }) version: number;
  @ApiProperty({ nullable: true, type: IndexingErrorView }) error: IndexingErrorView | null;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, type: String }) indexedAt: string | null;
}

export const toDocumentView = (document: KnowledgeDocument): DocumentView => ({
  id: document.id,
  title: document.title,
  filename: document.filename,
  format: document.format,
  sizeBytes: document.sizeBytes,
  status: document.status,
  progress: document.progress,
  chunkCount: document.chunkCount,
  version: document.version,
  error:
    document.errorCode && document.errorMessage ? { code: document.errorCode, message: document.errorMessage } : null,
  createdAt: document.createdAt.toISOString(),
  indexedAt: document.indexedAt?.toISOString() ?? null,
});
