import { SetMetadata } from '@nestjs/common';
import type { UserRole } from './roles';

export const MINIMUM_ROLE = 'deskbase:minimumRole';

/** Narrows a route to callers of at least this role (owner > admin > member); others get 403. */
export const Roles = (minimum: UserRole): MethodDecorator & ClassDecorator => SetMetadata(MINIMUM_ROLE, minimum);
