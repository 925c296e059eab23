import { Column, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../../organizations/organization.entity';
import { KnowledgeDocument } from './document.entity';

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

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'bytea' })
  bytes: Buffer;
}
