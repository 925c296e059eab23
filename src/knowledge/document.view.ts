import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DOCUMENT_FORMATS, DOCUMENT_STATUSES, type DocumentFormat, type DocumentStatus } from './model/document-format';
import type { KnowledgeDocument } from './model/document.entity';
import {
  EMBEDDING_ERROR_CODES,
  EMBEDDING_STATUSES,
  type EmbeddingErrorCode,
  type EmbeddingStatus,
} from './model/embedding-status';
import { INDEXING_ERROR_CODES, type IndexingErrorCode } from './model/indexing-error';

export class IndexingErrorView {
  @ApiProperty({ enum: INDEXING_ERROR_CODES }) code: IndexingErrorCode;
  @ApiProperty({ example: 'The file is damaged or incomplete and could not be read' }) message: string;
}

export class EmbeddingProgressView {
  @ApiProperty({
    enum: EMBEDDING_STATUSES,
    description: 'embedding: searchable by words already, vectors on their way; failed: see code',
  })
  status: EmbeddingStatus;
  @ApiProperty({ minimum: 0, maximum: 100, description: 'Share of the chunks that have a vector' }) progress: number;
  @ApiProperty({ nullable: true, enum: EMBEDDING_ERROR_CODES, type: String }) code: EmbeddingErrorCode | null;
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
  @ApiPropertyOptional({
    type: EmbeddingProgressView,
    description: 'Semantic indexing, present once an embedding provider has worked on the document',
  })
  embedding?: EmbeddingProgressView;
}

const embeddingView = (document: KnowledgeDocument): EmbeddingProgressView | undefined =>
  document.embeddingStatus
    ? {
        status: document.embeddingStatus,
        progress:
          document.chunkCount === 0
            ? 100
            : Math.min(100, Math.floor((document.embeddedChunkCount / document.chunkCount) * 100)),
        code: document.embeddingErrorCode,
      }
    : undefined;

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
  ...(document.embeddingStatus ? { embedding: embeddingView(document) } : {}),
});
