import { ApiProperty } from '@nestjs/swagger';
import type { TicketComment } from './ticket-comment.entity';
import type { TicketRow } from './ticket-list.sql';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from './ticket.entity';

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

export class TicketView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 42 }) number: number;
  @ApiProperty() subject: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: TICKET_STATUSES }) status: TicketStatus;
  @ApiProperty({ enum: TICKET_PRIORITIES }) priority: TicketPriority;
  @ApiProperty({ nullable: true, type: String }) requesterEmail: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) assigneeId: string | null;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CommentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) ticketId: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty() body: string;
  @ApiProperty() internal: boolean;
  @ApiProperty() createdAt: string;
}

export const toTicketView = (ticket: TicketRow): TicketView => ({
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
