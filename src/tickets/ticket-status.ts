import type { Ticket, TicketStatus } from './ticket.entity';

/** The part of a ticket its status governs. */
export type TicketState = Pick<Ticket, 'status' | 'resolvedAt' | 'closedAt'>;

/**
 * Keeps resolvedAt and closedAt in step with the status: set when the ticket reaches the state,
 * kept while it moves forward (resolved -> closed), cleared when it is reopened.
 */
export function applyStatus(ticket: TicketState, status: TicketStatus, now = new Date()): void {
  if (status === ticket.status) return;
  ticket.status = status;
  const reachedResolution = status === 'resolved' || status === 'closed';
  ticket.resolvedAt = reachedResolution ? (ticket.resolvedAt ?? now) : null;
  ticket.closedAt = status === 'closed' ? (ticket.closedAt ?? now) : null;
}
