import type { EntityManager } from 'typeorm';

/**
 * The next ticket number of an organization. The upsert locks the counter row until the
 * transaction ends, so concurrent creations queue up and get consecutive numbers; a number is
 * never handed out twice, even after its ticket is deleted.
 */
export async function nextTicketNumber(manager: EntityManager, organizationId: string): Promise<number> {
  const [row] = await manager.query<Array<{ last_number: number }>>(
    `INSERT INTO ticket_counters (organization_id, last_number) VALUES ($1, 1)
     ON CONFLICT (organization_id) DO UPDATE SET last_number = ticket_counters.last_number + 1
     RETURNING last_number`,
    [organizationId],
  );
  return row.last_number;
}
