import { ApiProperty } from '@nestjs/swagger';
import {
  ApiInteger,
  ApiNullableEnum,
  ApiNullableModel,
  ApiText,
  ApiTimestamp,
  ApiUuid,
  INT32_MAX,
  SAFE_INTEGER_MAX,
} from '../core/http/api-properties';
import { FILENAME_MAX } from './knowledge-bounds';
import { MAX_TITLE_LENGTH } from './model/document-title';
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
  @ApiText(500, { example: 'The file is damaged or incomplete and could not be read' }) message: string;
}

export class EmbeddingProgressView {
  @ApiProperty({
    enum: EMBEDDING_STATUSES,
    description: 'embedding: searchable by words already, vectors on their way; failed: see code',
  })
  status: EmbeddingStatus;
  @ApiInteger(0, 100, { description: 'Share of the chunks that have a vector' }) progress: number;
  @ApiNullableEnum(EMBEDDING_ERROR_CODES) code: EmbeddingErrorCode | null;
}

export class DocumentView {
  @ApiUuid() id: string;
  @ApiText(MAX_TITLE_LENGTH, { example: 'Refund policy' }) title: string;
  @ApiText(FILENAME_MAX, { nullable: true, example: 'refund-policy.pdf' }) filename: string | null;
  @ApiProperty({ enum: DOCUMENT_FORMATS, description: 'Detected from the bytes' }) format: DocumentFormat;
  @ApiInteger(0, SAFE_INTEGER_MAX, { example: 48213 }) sizeBytes: number;
  @ApiProperty({ enum: DOCUMENT_STATUSES }) status: DocumentStatus;
  @ApiInteger(0, 100) progress: number;
  @ApiInteger(0, INT32_MAX, { example: 12 }) chunkCount: number;
  @ApiInteger(1, INT32_MAX, { example: 1, description: 'Bumped by each re-index' }) version: number;
  @ApiNullableModel(IndexingErrorView) error: IndexingErrorView | null;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp({ nullable: true }) indexedAt: string | null;
  @ApiProperty({
    required: false,
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
