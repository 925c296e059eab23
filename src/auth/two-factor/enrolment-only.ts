import { SetMetadata } from '@nestjs/common';

export const OPEN_BEFORE_TWO_FACTOR = 'deskbase:openBeforeTwoFactor';

/**
 * Marks the few routes an owner or admin may still call while their organization requires
 * two-factor authentication and they have none yet: enrolling, and signing out.
 */
export const OpenBeforeTwoFactor = (): MethodDecorator => SetMetadata(OPEN_BEFORE_TWO_FACTOR, true);

export const TWO_FACTOR_REQUIRED =
  'Your organization requires two-factor authentication: enrol with POST /v1/auth/two-factor/enrol, then confirm';
