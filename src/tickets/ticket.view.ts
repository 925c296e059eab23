import { ApiProperty } from '@nestjs/swagger';
import {
  ApiEmail,
  ApiInteger,
  ApiStringList,
  ApiText,
  ApiTimestamp,
  ApiUuid,
  INT32_MAX,
} from '../core/http/api-properties';
import { COMMENT_MAX } from './dto/create-comment.dto';
import { MAX_DESCRIPTION, MAX_TAGS, SUBJECT_MAX, TAG_MAX } from './dto/ticket-fields';
import type { TicketComment } from './ticket-comment.entity';
import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type Ticket,
  type TicketPriority,
  type TicketStatus,
} from './ticket.entity';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export class TicketView {
  @ApiUuid() id: string;
  @ApiInteger(1, INT32_MAX, { example: 42, description: 'Runs from 1 per organization' }) number: number;
  @ApiText(SUBJECT_MAX, { example: 'Cannot reset my password' }) subject: string;
  @ApiText(MAX_DESCRIPTION) description: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: TicketStatus;
  @ApiProperty({ enum: TICKET_PRIORITIES }) priority: TicketPriority;
  @ApiEmail({ nullable: true, example: 'customer@example.com' }) requesterEmail: string | null;
  @ApiUuid({ nullable: true }) assigneeId: string | null;
  @ApiStringList(MAX_TAGS, TAG_MAX, { example: ['billing', 'vip'] }) tags: string[];
  @ApiUuid() createdBy: string;
  @ApiInteger(1, INT32_MAX, { example: 1, description: 'Send it back in PATCH; it grows with every change' })
  version: number;
  @ApiTimestamp({ nullable: true }) resolvedAt: string | null;
  @ApiTimestamp({ nullable: true }) closedAt: string | null;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

export class CommentView {
  @ApiUuid() id: string;
  @ApiUuid() ticketId: string;
  @ApiUuid() authorId: string;
  @ApiText(COMMENT_MAX, { example: 'I have reset the password; please try again.' }) body: string;
  @ApiProperty({ description: 'Visible to the team only' }) internal: boolean;
  @ApiTimestamp() createdAt: string;
}

export const toTicketView = (ticket: Ticket): TicketView => ({
  id: ticket.id,
  number: ticket.number,
  subject: ticket.subject,
  description: ticket.description,
  status: ticket.status,
  priority: ticket.priority,
  requesterEmail: ticket.requesterEmail,
  assigneeId: ticket.assigneeId,
  tags: ticket.tags,
  createdBy: ticket.createdBy,
  version: ticket.version,
  resolvedAt: iso(ticket.resolvedAt),
  closedAt: iso(ticket.closedAt),
  createdAt: ticket.createdAt.toISOString(),
  updatedAt: ticket.updatedAt.toISOString(),
});

export const toCommentView = (comment: TicketComment): CommentView => ({
  id: comment.id,
  ticketId: comment.ticketId,
  authorId: comment.authorId,
  body: comment.body,
  internal: comment.internal,
  createdAt: comment.createdAt.toISOString(),
});
