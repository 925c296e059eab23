import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from './api-docs';

/**
 * A controller at `path` whose every route needs a caller (the global guard closes them all):
 * Swagger lists it under `tag` with the bearer scheme and the 401 any of its routes may answer.
 * Applied in the order the stacked decorators ran before.
 */
export const ClosedController = (path: string, tag = path): ClassDecorator =>
  applyDecorators(Controller(path), ApiErrorResponses(401), ApiBearerAuth(), ApiTags(tag));
