import type { SelectQueryBuilder } from 'typeorm';
import type { Actor } from '../auth/actor';
import type { ListTicketsQuery, TicketSort } from './dto/list-tickets.query';
import { TICKET_PRIORITIES, type Ticket } from './ticket.entity';

const PRIORITY_RANK = `CASE t.priority ${TICKET_PRIORITIES.map((p, i) => `WHEN '${p}' THEN ${i}`).join(' ')} END`;

const SORT_COLUMNS: Record<TicketSort, string> = {
  created: 't.created_at',
  updated: 't.updated_at',
  priority: PRIORITY_RANK,
  number: 't.number',
};

/** Adds the list's filters and order to a query over tickets aliased `t`, always within the actor's organization. */
export function applyTicketFilters(
  qb: SelectQueryBuilder<Ticket>,
  actor: Actor,
  query: ListTicketsQuery,
): SelectQueryBuilder<Ticket> {
  qb.where('t.organization_id = :organizationId', { organizationId: actor.organizationId });
  if (query.status?.length) qb.andWhere('t.status IN (:...status)', { status: query.status });
  if (query.priority?.length) qb.andWhere('t.priority IN (:...priority)', { priority: query.priority });
  if (query.assignee === 'none') qb.andWhere('t.assignee_id IS NULL');
  else if (query.assignee) {
    // An API key has no user: "me" then matches nothing rather than every ticket.
    const assignee = query.assignee === 'me' ? (actor.userId ?? null) : query.assignee;
    qb.andWhere(assignee ? 't.assignee_id = :assignee' : 'FALSE', { assignee });
  }
  if (query.tag) qb.andWhere('t.tags @> ARRAY[:tag]::text[]', { tag: query.tag });
  // The matching ids come from the GIN index through a tenant-scoped function (see migration HotPathFunctions).
  if (query.q) qb.andWhere('t.id IN (SELECT m.id FROM ticket_search_ids(:organizationId, :q) AS m(id))', { q: query.q });
  if (query.createdFrom) qb.andWhere('t.created_at >= :createdFrom', { createdFrom: query.createdFrom });
  if (query.createdTo) qb.andWhere('t.created_at < :createdTo', { createdTo: query.createdTo });
  if (query.updatedFrom) qb.andWhere('t.updated_at >= :updatedFrom', { updatedFrom: query.updatedFrom });
  if (query.updatedTo) qb.andWhere('t.updated_at < :updatedTo', { updatedTo: query.updatedTo });
  const direction = query.direction === 'asc' ? 'ASC' : 'DESC';
  return qb.orderBy(SORT_COLUMNS[query.sort], direction).addOrderBy('t.id', direction);
}
