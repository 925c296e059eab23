import type { UserRole } from './roles';

/** Who is calling, resolved by the auth guard from a JWT or an API key. Services take it first. */
export interface Actor {
  organizationId: string;
  role: UserRole;
  /** Set when a person calls with an access token. */
  userId?: string;
  /** The login a person's access token belongs to. */
  sessionId?: string;
  /** Set when a machine calls with an API key. */
  apiKeyId?: string;
}

/** The id recorded as author of what the actor creates: the user's, or the API key's. */
export const actorId = (actor: Actor): string => (actor.userId ?? actor.apiKeyId) as string;
