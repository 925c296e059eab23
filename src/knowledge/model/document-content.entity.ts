import { Entity, Index } from 'typeorm';
import { BytesColumn } from '../../core/database/column-kinds';
import { ReferenceColumn } from '../../core/database/reference-column';
import { KnowledgeDocument } from './document.entity';
import { OrganizationColumn } from '../../core/database/organization-column';

/**
 * The original bytes of a document, apart from its metadata so that listing documents never
 * loads them, yet every API replica and worker can read them.
 */
@Entity('document_contents')
@Index(['organizationId', 'documentId'])
export class DocumentContent {
  @ReferenceColumn(() => KnowledgeDocument, 'document', { primary: true, oneToOne: true }) documentId: string;

  @OrganizationColumn() organizationId: string;

  @BytesColumn()
  bytes: Buffer;
}
