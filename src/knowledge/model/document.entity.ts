import { Column, Entity, Index } from 'typeorm';
import {
  HashColumn,
  IntegerColumn,
  TextColumn,
  TimestampColumn,
  UuidColumn,
  VarcharColumn,
} from '../../core/database/column-kinds';
import { TimestampedEntity } from '../../core/database/columns';
import type { DocumentFormat, DocumentStatus } from './document-format';
import { MAX_TITLE_LENGTH } from './document-title';
import type { IndexingErrorCode } from './indexing-error';
import type { EmbeddingErrorCode, EmbeddingStatus } from './embedding-status';
import { OrganizationColumn } from '../../core/database/organization-column';

/** A knowledge document: its metadata and indexing state. The bytes live in `document_contents`. */
@Entity('documents')
@Index(['organizationId', 'sha256'], { unique: true })
@Index(['organizationId', 'createdAt'])
@Index(['organizationId', 'status', 'updatedAt'])
export class KnowledgeDocument extends TimestampedEntity {
  @OrganizationColumn() organizationId: string;

  /** Fuzzy title search uses a trigram index the migration creates (TypeORM cannot express gin_trgm_ops). */
  @Index('IDX_documents_title_trgm', { synchronize: false })
  @VarcharColumn(MAX_TITLE_LENGTH)
  title: string;

  /** The title's search terms, which ranking reads; a trigger sets them from the title (migration 1795760000000-RankingAtScale). */
  @TextColumn({ array: true, nullable: true, select: false, insert: false, update: false })
  titleTerms: string[] | null;

  @VarcharColumn(255, { nullable: true }) filename: string | null;

  @VarcharColumn(16) format: DocumentFormat;

  @IntegerColumn() sizeBytes: number;

  @HashColumn() sha256: string;

  @VarcharColumn(16, { default: 'queued' }) status: DocumentStatus;

  @Column({ type: 'smallint', default: 0 })
  progress: number;

  @VarcharColumn(32, { nullable: true }) errorCode: IndexingErrorCode | null;

  @VarcharColumn(300, { nullable: true }) errorMessage: string | null;

  /** Indexing runs started for the current version (retries and reconciler re-runs included). */
  @IntegerColumn({ default: 0 }) attempts: number;

  @IntegerColumn({ default: 0 }) chunkCount: number;

  /** Bumped by each re-index; a job for an older version writes nothing. */
  @IntegerColumn({ default: 1 }) version: number;

  /** The user or API key that uploaded it. */
  @UuidColumn() createdBy: string;

  @TimestampColumn({ nullable: true }) indexedAt: Date | null;

  /** Semantic side of indexing, after the chunks are stored; null while no provider is configured. */
  @VarcharColumn(16, { nullable: true }) embeddingStatus: EmbeddingStatus | null;

  /** Chunks of the current version with a vector of the configured model. */
  @IntegerColumn({ default: 0 }) embeddedChunkCount: number;

  @VarcharColumn(32, { nullable: true }) embeddingErrorCode: EmbeddingErrorCode | null;
}
