import { Entity, Index } from 'typeorm';
import { BooleanColumn, TextColumn, UuidColumn } from '../core/database/column-kinds';
import { CreatedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';
import { ReferenceColumn } from '../core/database/reference-column';
import { Ticket } from './ticket.entity';

@Entity('ticket_comments')
@Index(['organizationId', 'ticketId', 'createdAt'])
export class TicketComment extends CreatedEntity {
  @OrganizationColumn() organizationId: string;

  @ReferenceColumn(() => Ticket, 'ticket') ticketId: string;

  /** The user or API key that wrote it. */
  @UuidColumn() authorId: string;

  @TextColumn() body: string;

  /** Visible to the team only, never to the requester. */
  @BooleanColumn({ default: false }) internal: boolean;
}
