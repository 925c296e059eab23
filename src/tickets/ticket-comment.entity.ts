import { Column, Entity, Index } from 'typeorm';
import { CreatedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';
import { ReferenceColumn } from '../core/database/reference-column';
import { Ticket } from './ticket.entity';

@Entity('ticket_comments')
@Index(['organizationId', 'ticketId', 'createdAt'])
export class TicketComment extends CreatedEntity {
  @OrganizationColumn()
  organizationId: string;

  @ReferenceColumn(() => Ticket, 'ticket')
  ticketId: string;

  /** The user or API key that wrote it. */
  @Column({ type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  /** Visible to the team only, never to the requester. */
  @Column({ type: 'boolean', default: false })
  internal: boolean;
}
