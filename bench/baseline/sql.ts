/**
 * The app's SQL, copied by hand from what TypeORM generates for it (the bench captures the
 * app's statements at run time and checks these still match, statement by statement and in
 * order: see app-sql.ts and run.ts).
 */

/** AuthGuard (PreTenantLookups.actorUser): the token's user, one SECURITY DEFINER call, no transaction. */
export const USER_LOOKUP = 'SELECT role, status FROM pre_tenant_actor_user($1, $2)';

/** TypeORM's `dataSource.transaction()` opens with this. */
export const BEGIN = 'START TRANSACTION';
export const SET_TENANT = `SELECT set_config('app.organization_id', $1, true)`;
export const COMMIT = 'COMMIT';

const TICKET_COLUMNS =
  '"t"."id" AS "t_id", "t"."created_at" AS "t_created_at", "t"."updated_at" AS "t_updated_at", ' +
  '"t"."organization_id" AS "t_organization_id", "t"."number" AS "t_number", "t"."subject" AS "t_subject", ' +
  '"t"."description" AS "t_description", "t"."status" AS "t_status", "t"."priority" AS "t_priority", ' +
  '"t"."requester_email" AS "t_requester_email", "t"."assignee_id" AS "t_assignee_id", "t"."tags" AS "t_tags", ' +
  '"t"."created_by" AS "t_created_by", "t"."version" AS "t_version", "t"."resolved_at" AS "t_resolved_at", ' +
  '"t"."closed_at" AS "t_closed_at"';

/** The ids matching the full text, from the IDX_tickets_search GIN index through the tenant-scoped function. */
const SEARCH = `"t"."id" IN (SELECT m.id FROM ticket_search_ids($1, $2) AS m(id))`;
const where = (search: boolean): string =>
  search ? `"t"."organization_id" = $1 AND ${SEARCH}` : '"t"."organization_id" = $1';

/** TicketsService.list with the default sort (created, desc): the page (`qb.offset().limit().getMany()`). */
export const listPage = (search: boolean, skip: number, limit: number): string =>
  `SELECT ${TICKET_COLUMNS} FROM "tickets" "t" WHERE ${where(search)} ` +
  `ORDER BY "t"."created_at" DESC, "t"."id" DESC LIMIT ${limit} OFFSET ${skip}`;

/** TicketsService.list, then the total in the same transaction (`select('COUNT(*)::int', 'total').orderBy()`). */
export const listCount = (search: boolean): string =>
  `SELECT COUNT(*)::int AS "total" FROM "tickets" "t" WHERE ${where(search)}`;

/** `nextTicketNumber`: the locked per-organization counter. */
export const NEXT_NUMBER = `INSERT INTO ticket_counters (organization_id, last_number) VALUES ($1, 1)
     ON CONFLICT (organization_id) DO UPDATE SET last_number = ticket_counters.last_number + 1
     RETURNING last_number`;

/**
 * `tickets.insert(ticket)`: TypeORM returns the columns with database defaults, and the generated
 * `search_vector` with them (the whole tsvector comes back to the client on every create).
 */
export const INSERT_TICKET =
  'INSERT INTO "tickets"("id", "created_at", "updated_at", "organization_id", "number", "subject", "description", ' +
  '"status", "priority", "requester_email", "assignee_id", "tags", "created_by", "version", "resolved_at", "closed_at") ' +
  'VALUES ($1, DEFAULT, DEFAULT, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13) ' +
  'RETURNING "created_at", "updated_at", "description", "search_vector", "status", "priority", "tags", "version"';

/** The statements of each request, in order, as the app sends them (compared with the capture). */
export const SEQUENCES = {
  userLookup: [USER_LOOKUP],
  list: [BEGIN, SET_TENANT, listPage(false, 0, 20), listCount(false), COMMIT],
  search: [BEGIN, SET_TENANT, listPage(true, 0, 20), listCount(true), COMMIT],
  create: [BEGIN, SET_TENANT, NEXT_NUMBER, INSERT_TICKET, COMMIT],
} as const;
