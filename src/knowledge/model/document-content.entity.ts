import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { KnowledgeDocument } from './document.entity';
import { OrganizationColumn } from '../../core/database/organization-column';

/**
 * The original bytes of a document, apart from its metadata so that listing documents never
 * loads them, yet every API replica and worker can read them.
 */
@Entity('document_contents')
@Index(['organizationId', 'documentId'])
export class DocumentContent {
  @PrimaryColumn('uuid')
  documentId: string;

  @OneToOne(() => KnowledgeDocument, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'document_id' })
  document?: KnowledgeDocument;

  @OrganizationColumn()
  organizationId: string;

  @Column({ type: 'bytea' })
  bytes: Buffer;
}
