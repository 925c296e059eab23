import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedEntity } from '../../core/database/columns';
import { KnowledgeDocument } from './document.entity';
import { OrganizationColumn } from '../../core/database/organization-column';

/**
 * A searchable piece of a document. `searchVector` is written by the indexer in SQL
 * (headings weighted above body text); the GIN index over (organization_id, search_vector)
 * needs btree_gin, so the migration creates it and TypeORM leaves it alone.
 */
@Entity('document_chunks')
@Index(['organizationId', 'documentId', 'position'])
export class DocumentChunk extends CreatedEntity {
  @OrganizationColumn()
  organizationId: string;

  @Column({ type: 'uuid' })
  documentId: string;

  @ManyToOne(() => KnowledgeDocument, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: KnowledgeDocument;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'integer' })
  position: number;

  /** Section titles above the chunk, outermost first. */
  @Column({ type: 'text', array: true })
  headingPath: string[];

  @Column({ type: 'text' })
  text: string;

  /** Character offsets of `text` in the document's extracted text. */
  @Column({ type: 'integer' })
  startOffset: number;

  @Column({ type: 'integer' })
  endOffset: number;

  @Index('IDX_document_chunks_search', { synchronize: false })
  @Column({ type: 'tsvector', select: false })
  searchVector: string;
}
