import type { UsageCount } from '../plans/entitlements';
import { User } from './user.entity';

/** A seat is an active user. */
export const seatsInUse: UsageCount<'seats'> = async (manager, organizationId) => ({
  seats: await manager.countBy(User, { organizationId, status: 'active' }),
});
