import type { FindOptionsWhere } from 'typeorm';
import { actorId, type Actor } from '../access/actor';
import { atLeast } from '../access/roles';
import type { Conversation } from './conversation.entity';

/**
 * The conversations an actor may see, continue and delete: its own, or, for admins and owners,
 * every conversation of the organization. Others read as missing.
 */
export function visibleConversations(actor: Actor): FindOptionsWhere<Conversation> {
  return atLeast(actor.role, 'admin')
    ? { organizationId: actor.organizationId }
    : { organizationId: actor.organizationId, createdBy: actorId(actor) };
}
