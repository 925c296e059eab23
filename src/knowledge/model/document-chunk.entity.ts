import { Column, Entity, Index } from 'typeorm';
import { IntegerColumn, TextColumn } from '../../core/database/column-kinds';
import { ReferenceColumn } from '../../core/database/reference-column';
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
  @OrganizationColumn() organizationId: string;

  @ReferenceColumn(() => KnowledgeDocument, 'document') documentId: string;

  @IntegerColumn() version: number;

  @IntegerColumn() position: number;

  /** Section titles above the chunk, outermost first. */
  @TextColumn({ array: true }) headingPath: string[];

  @TextColumn() text: string;

  /** Character offsets of `text` in the document's extracted text. */
  @IntegerColumn() startOffset: number;

  @IntegerColumn() endOffset: number;

  @Index('IDX_document_chunks_search', { synchronize: false })
  @Index('IDX_document_chunks_search_sample', { synchronize: false })
  @Column({ type: 'tsvector', select: false })
  searchVector: string;
}
