import { TICKET_ROW_COLUMNS } from './ticket-list.sql';

/**
 * A new ticket and its number in one statement. An assignee must be a user of the organization:
 * otherwise nothing is inserted, no number is taken, and no row comes back. The number comes from
 * the per-organization counter: the upsert locks the counter row until the transaction ends, so
 * concurrent creations queue up and get consecutive numbers, and a number is never handed out
 * twice, even after its ticket is deleted. RETURNING gives the row as a TicketRow, database
 * defaults included.
 *
 * Parameters: id, organization, subject, description, status, priority, requester email,
 * assignee, tags, created by, resolved at, closed at.
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
  RETURNING ${TICKET_ROW_COLUMNS}`;
