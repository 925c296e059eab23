import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from './actor';

export interface AuthenticatedRequest {
  actor?: Actor;
}

/** The caller resolved by the auth guard. Only on routes that are not @Public(). */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().actor;
  if (!actor) throw new Error('@CurrentActor() used on a public route');
  return actor;
});
