import type { EntityManager } from 'typeorm';
import type { UserRole } from '../access/roles';
import { User, type UserStatus } from './user.entity';

/** A new account: an organization's owner at signup, or a member accepting an invitation. */
export interface NewUser {
  id?: string;
  organizationId: string;
  email: string;
  name: string;
  passwordHash: string;
  role: UserRole;
  status: UserStatus;
  signupConfirmationHash?: string | null;
  signupConfirmationExpiresAt?: Date | null;
}

/** Inserts the user in `manager`'s tenant transaction. An active account is signed in at once: its first login. */
export function insertUser(manager: EntityManager, user: NewUser): Promise<User> {
  return manager.save(manager.create(User, { ...user, lastLoginAt: user.status === 'active' ? new Date() : null }));
}
