import { Column, Entity, Index, CreateDateColumn } from 'typeorm';
import { BytesColumn, HashColumn, IntegerColumn, UuidColumn, VarcharColumn } from '../../core/database/column-kinds';
import { ReferenceColumn } from '../../core/database/reference-column';
import { OrganizationColumn } from '../../core/database/organization-column';
import { DocumentChunk } from './document-chunk.entity';

/**
 * The embedding of one chunk, removed with it. `bits` holds the sign of each component (the
 * binary-quantised vector that ranks candidates by Hamming distance); `vector` the full
 * vector, unit length, as little-endian float32, for re-scoring the best candidates; `list`
 * the partition list it belongs to (null before the organization has a partition, or until the
 * worker assigns it). The search index covers (organization, model, dimensions, list) and
 * carries chunk_id and bits so the candidate scan reads the index only, all of it or a few
 * lists; the migration creates it (TypeORM cannot express INCLUDE).
 */
@Entity('chunk_embeddings')
@Index(['organizationId', 'documentId'])
export class ChunkEmbedding {
  @ReferenceColumn(() => DocumentChunk, 'chunk', { primary: true }) chunkId: string;

  @OrganizationColumn() organizationId: string;

  @UuidColumn() documentId: string;

  /** The model and vector length it was made with: a search compares one model's vectors only. */
  @Index('IDX_chunk_embeddings_lists', { synchronize: false })
  @VarcharColumn(200)
  model: string;

  @IntegerColumn() dimensions: number;

  /** SHA-256 (hex) of the text embedded: an unchanged chunk keeps its vector across re-indexing. */
  @HashColumn() textHash: string;

  @Column({ type: 'varbit' })
  bits: string;

  @BytesColumn()
  vector: Buffer;

  @IntegerColumn({ nullable: true })
  list: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
