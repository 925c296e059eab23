import type { EntityManager } from 'typeorm';
import { DELEGABLE_ROLES, rankOf, type DelegableRole, type UserRole } from './roles';

export interface RevokedGrants {
  apiKeyIds: string[];
  invitationIds: string[];
}

/** The roles a key or invitation may carry that are above `role`; all of them when there is no role left. */
export const delegableAbove = (role: UserRole | null): DelegableRole[] =>
  DELEGABLE_ROLES.filter((delegable) => role === null || rankOf(delegable) > rankOf(role));

/**
 * Authority does not outlive its grantor. Revokes the live API keys the grantors created with
 * one of `roles`, every key those keys created in turn (to any depth), and deletes the pending
 * invitations sent by a grantor with one of `roles` or by any revoked key. Runs in the caller's
 * transaction, scoped to one organization.
 */
export async function revokeGrants(
  manager: EntityManager,
  organizationId: string,
  grantorIds: string[],
  roles: DelegableRole[],
): Promise<RevokedGrants> {
  if (grantorIds.length === 0) return { apiKeyIds: [], invitationIds: [] };
  const keys: Array<{ id: string }> = await manager.query(
    `WITH RECURSIVE granted AS (
       SELECT id FROM api_keys
        WHERE organization_id = $1 AND created_by = ANY($2::uuid[]) AND role = ANY($3::varchar[]) AND revoked_at IS NULL
       UNION
       SELECT k.id FROM api_keys k JOIN granted g ON k.created_by = g.id
        WHERE k.organization_id = $1 AND k.revoked_at IS NULL
     )
     UPDATE api_keys SET revoked_at = now()
      WHERE organization_id = $1 AND id IN (SELECT id FROM granted)
     RETURNING id`,
    [organizationId, grantorIds, roles],
  );
  const apiKeyIds = rowsOf(keys).map((row) => row.id);
  const invitations: Array<{ id: string }> = await manager.query(
    `DELETE FROM invitations
      WHERE organization_id = $1 AND accepted_at IS NULL
        AND ((invited_by = ANY($2::uuid[]) AND role = ANY($3::varchar[])) OR invited_by = ANY($4::uuid[]))
     RETURNING id`,
    [organizationId, grantorIds, roles, apiKeyIds],
  );
  return { apiKeyIds, invitationIds: rowsOf(invitations).map((row) => row.id) };
}

// UPDATE/DELETE ... RETURNING comes back from TypeORM's pg driver as [rows, affectedCount].
const rowsOf = <T>(result: T[] | [T[], number]): T[] =>
  Array.isArray(result[0]) ? (result as [T[], number])[0] : (result as T[]);

const count = (n: number, thing: string): string => `${n} ${thing}${n === 1 ? '' : 's'}`;

/** `base`, followed by what was revoked with it when anything was: said in the answer, not only logged. */
export function withRevokedGrants(base: string, grants: RevokedGrants): string {
  const parts = [
    grants.apiKeyIds.length > 0 ? count(grants.apiKeyIds.length, 'API key') : '',
    grants.invitationIds.length > 0 ? count(grants.invitationIds.length, 'pending invitation') : '',
  ].filter((part) => part !== '');
  return parts.length === 0 ? base : `${base}; revoked ${parts.join(' and ')} granted with authority it no longer has`;
}
