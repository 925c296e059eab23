import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

/**
 * A controller at `path` whose every route needs a caller (the global guard closes them all),
 * listed in Swagger under `tag`. Its credentials (bearer or X-API-Key) and the 401 with its
 * challenge are documented for every closed route by src/docs/standard-responses.ts.
 */
export const ClosedController = (path: string, tag = path): ClassDecorator =>
  applyDecorators(Controller(path), ApiTags(tag));
