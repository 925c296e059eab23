import type { EntityManager } from 'typeorm';
import type { User } from './user.entity';

/**
 * The logins of users, as users needs them: ended when a user is disabled. Declared here,
 * implemented by auth (which sits above users), and bound where the application is assembled.
 */
export abstract class UserSessions {
  /** Ends every session of `user`, in the caller's tenant transaction. */
  abstract revokeAllOf(user: Pick<User, 'id' | 'organizationId'>, manager: EntityManager): Promise<void>;
}
