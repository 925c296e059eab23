import type { Actor } from '../access/actor';
import type { ListTicketsQuery, TicketSort } from './dto/list-tickets.query';
import { TICKET_PRIORITIES, type Ticket } from './ticket.entity';

/** What a ticket's view reads, as plain rows: the columns aliased to the entity's property names. */
export type TicketRow = Pick<
  Ticket,
  | 'id'
  | 'number'
  | 'subject'
  | 'description'
  | 'status'
  | 'priority'
  | 'requesterEmail'
  | 'assigneeId'
  | 'tags'
  | 'createdBy'
  | 'version'
  | 'resolvedAt'
  | 'closedAt'
  | 'createdAt'
  | 'updatedAt'
>;

/** The SELECT (or RETURNING) list of a TicketRow from `tickets t`. */
export const TICKET_ROW_COLUMNS =
  't.id, t.number, t.subject, t.description, t.status, t.priority, t.requester_email AS "requesterEmail", ' +
  't.assignee_id AS "assigneeId", t.tags, t.created_by AS "createdBy", t.version, t.resolved_at AS "resolvedAt", ' +
  't.closed_at AS "closedAt", t.created_at AS "createdAt", t.updated_at AS "updatedAt"';

const PRIORITY_RANK = `CASE t.priority ${TICKET_PRIORITIES.map((p, i) => `WHEN '${p}' THEN ${i}`).join(' ')} END`;

const SORT_COLUMNS: Record<TicketSort, string> = {
  created: 't.created_at',
  updated: 't.updated_at',
  priority: PRIORITY_RANK,
  number: 't.number',
};

export interface TicketListSql {
  /** Conditions over `tickets t`, always within the actor's organization ($1). */
  where: string;
  orderBy: string;
  parameters: unknown[];
}

/** The list's filters and order as SQL with numbered parameters; values are only ever bound, never inlined. */
export function ticketListSql(actor: Actor, query: ListTicketsQuery): TicketListSql {
  const parameters: unknown[] = [actor.organizationId];
  const bind = (value: unknown): string => `$${parameters.push(value)}`;
  const conditions = ['t.organization_id = $1'];
  if (query.status?.length) conditions.push(`t.status = ANY(${bind(query.status)}::varchar[])`);
  if (query.priority?.length) conditions.push(`t.priority = ANY(${bind(query.priority)}::varchar[])`);
  if (query.assignee === 'none') conditions.push('t.assignee_id IS NULL');
  else if (query.assignee) {
    // An API key has no user: "me" then matches nothing rather than every ticket.
    const assignee = query.assignee === 'me' ? actor.userId : query.assignee;
    conditions.push(assignee ? `t.assignee_id = ${bind(assignee)}` : 'FALSE');
  }
  if (query.tag) conditions.push(`t.tags @> ARRAY[${bind(query.tag)}::text]`);
  // The matching ids come from the GIN index through a tenant-scoped function (migration HotPathFunctions);
  // as an array, so the tickets are then fetched by primary key rather than by scanning the organization.
  if (query.q) conditions.push(`t.id = ANY(ARRAY(SELECT ticket_search_ids($1, ${bind(query.q)})))`);
  if (query.createdFrom) conditions.push(`t.created_at >= ${bind(query.createdFrom)}`);
  if (query.createdTo) conditions.push(`t.created_at < ${bind(query.createdTo)}`);
  if (query.updatedFrom) conditions.push(`t.updated_at >= ${bind(query.updatedFrom)}`);
  if (query.updatedTo) conditions.push(`t.updated_at < ${bind(query.updatedTo)}`);
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
  return {
    where: conditions.join(' AND '),
    orderBy: `${SORT_COLUMNS[query.sort]} ${direction}, t.id ${direction}`,
    parameters,
  };
}
