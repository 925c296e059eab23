import type { UserRole } from '../access/roles';

/**
 * An access token's caller, read on every request in the token's tenant transaction, in one
 * statement: the user if still active, its role, whether its organization requires a second
 * factor of owners and admins and whether it has one, and only while the login (refresh-session
 * family) the token belongs to is live. Parameters: user, organization, session family.
 */
export const TOKEN_CALLER = `SELECT u.id, u.organization_id AS "organizationId", u.role,
    o.require_two_factor AS "requireTwoFactor", u.two_factor_enabled_at IS NOT NULL AS "twoFactorEnabled"
  FROM users u JOIN organizations o ON o.id = u.organization_id
  WHERE u.id = $1 AND u.organization_id = $2 AND u.status = 'active'
    AND EXISTS (SELECT 1 FROM refresh_sessions s WHERE s.family_id = $3 AND s.user_id = u.id
      AND s.revoked_at IS NULL AND s.expires_at > now())`;

export interface TokenCallerRow {
  id: string;
  organizationId: string;
  role: UserRole;
  requireTwoFactor: boolean;
  twoFactorEnabled: boolean;
}
