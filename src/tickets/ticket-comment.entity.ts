import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';
import { Ticket } from './ticket.entity';

@Entity('ticket_comments')
@Index(['organizationId', 'ticketId', 'createdAt'])
export class TicketComment extends CreatedEntity {
  @OrganizationColumn()
  organizationId: string;

  @Column({ type: 'uuid' })
  ticketId: string;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  /** The user or API key that wrote it. */
  @Column({ type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  /** Visible to the team only, never to the requester. */
  @Column({ type: 'boolean', default: false })
  internal: boolean;
}
