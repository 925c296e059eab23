export const USER_ROLES = ['owner', 'admin', 'member'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles an API key or an invitation may carry: never owner. */
export const DELEGABLE_ROLES = ['admin', 'member'] as const;
export type DelegableRole = (typeof DELEGABLE_ROLES)[number];

const RANK: Record<UserRole, number> = { member: 1, admin: 2, owner: 3 };

/** owner > admin > member */
export const rankOf = (role: UserRole): number => RANK[role];
export const atLeast = (role: UserRole, minimum: UserRole): boolean => RANK[role] >= RANK[minimum];
