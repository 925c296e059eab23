import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, CreateDateColumn } from 'typeorm';
import { OrganizationColumn } from '../../core/database/organization-column';
import { DocumentChunk } from './document-chunk.entity';

/**
 * The embedding of one chunk, removed with it. `bits` holds the sign of each component (the
 * binary-quantised vector that ranks candidates by Hamming distance); `vector` the full
 * vector, unit length, as little-endian float32, for re-scoring the best candidates. The
 * search index covers (organization, model, dimensions) and carries chunk_id and bits so the
 * candidate scan reads the index only; the migration creates it (TypeORM cannot express INCLUDE).
 */
@Entity('chunk_embeddings')
@Index(['organizationId', 'documentId'])
export class ChunkEmbedding {
  @PrimaryColumn('uuid')
  chunkId: string;

  @ManyToOne(() => DocumentChunk, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'chunk_id' })
  chunk?: DocumentChunk;

  @OrganizationColumn()
  organizationId: string;

  @Column({ type: 'uuid' })
  documentId: string;

  /** The model and vector length it was made with: a search compares one model's vectors only. */
  @Index('IDX_chunk_embeddings_search', { synchronize: false })
  @Column({ type: 'varchar', length: 200 })
  model: string;

  @Column({ type: 'integer' })
  dimensions: number;

  /** SHA-256 (hex) of the text embedded: an unchanged chunk keeps its vector across re-indexing. */
  @Column({ type: 'char', length: 64 })
  textHash: string;

  @Column({ type: 'varbit' })
  bits: string;

  @Column({ type: 'bytea' })
  vector: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
