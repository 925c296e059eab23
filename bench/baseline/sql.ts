/**
 * The app's SQL, copied by hand (the bench records what the app and the baseline send per
 * request and compares them statement by statement, in order: see equivalence.ts).
 */

/**
 * AuthGuard, in the token's tenant transaction: the active user, its organization's two-factor
 * rule, and only while the login (refresh-session family) the token belongs to is live.
 * Parameters: user, organization, session family.
 */
export const USER_LOOKUP = `SELECT u.id, u.organization_id AS "organizationId", u.role,
    o.require_two_factor AS "requireTwoFactor", u.two_factor_enabled_at IS NOT NULL AS "twoFactorEnabled"
  FROM users u JOIN organizations o ON o.id = u.organization_id
  WHERE u.id = $1 AND u.organization_id = $2 AND u.status = 'active'
    AND EXISTS (SELECT 1 FROM refresh_sessions s WHERE s.family_id = $3 AND s.user_id = u.id
      AND s.revoked_at IS NULL AND s.expires_at > now())`;

/** TenantTransaction.batch opens with this. */
export const BEGIN = 'START TRANSACTION';
export const SET_TENANT = `SELECT set_config('app.organization_id', $1, true)`;
export const COMMIT = 'COMMIT';

const TICKET_COLUMNS =
  't.id, t.number, t.subject, t.description, t.status, t.priority, t.requester_email AS "requesterEmail", ' +
  't.assignee_id AS "assigneeId", t.tags, t.created_by AS "createdBy", t.version, t.resolved_at AS "resolvedAt", ' +
  't.closed_at AS "closedAt", t.created_at AS "createdAt", t.updated_at AS "updatedAt"';

/** The ids matching the full text, from the IDX_tickets_search GIN index through the tenant-scoped function. */
const where = (search: boolean): string =>
  search ? 't.organization_id = $1 AND t.id = ANY(ARRAY(SELECT ticket_search_ids($1, $2)))' : 't.organization_id = $1';

/** TicketsService.list with the default sort (created, desc): the page; limit and offset are the last two parameters. */
export const listPage = (search: boolean): string => {
  const n = search ? 2 : 1;
  return (
    `SELECT ${TICKET_COLUMNS} FROM tickets t WHERE ${where(search)} ` +
    `ORDER BY t.created_at DESC, t.id DESC LIMIT $${n + 1} OFFSET $${n + 2}`
  );
};

/** TicketsService.list: the total, sent with the page in the same transaction. */
export const listCount = (search: boolean): string =>
  `SELECT COUNT(*)::int AS total FROM tickets t WHERE ${where(search)}`;

/**
 * TicketsService.create: the assignee check, the per-organization counter and the insert in one
 * statement. Parameters: id, organization, subject, description, status, priority, requester
 * email, assignee, tags, created by, resolved at, closed at.
 */
export const INSERT_TICKET = `WITH assignable AS (
    SELECT $8::uuid IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = $8 AND u.organization_id = $2) AS ok
  ), counter AS (
    INSERT INTO ticket_counters (organization_id, last_number) SELECT $2, 1 FROM assignable WHERE ok
    ON CONFLICT (organization_id) DO UPDATE SET last_number = ticket_counters.last_number + 1
    RETURNING last_number
  )
  INSERT INTO tickets AS t (id, organization_id, number, subject, description, status, priority, requester_email,
    assignee_id, tags, created_by, resolved_at, closed_at)
  SELECT $1, $2, counter.last_number, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12 FROM counter
  RETURNING ${TICKET_COLUMNS}`;
