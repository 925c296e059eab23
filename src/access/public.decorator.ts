import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'deskbase:isPublic';

/** Opens a route (or a whole controller) to callers without credentials. Routes are closed by default. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);
