import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ValidationFailedError } from './app-error';

/** `@UuidParam('id')`: a path parameter that must be a UUID, else 422 naming it. */
export const UuidParam = (name = 'id'): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => new ValidationFailedError([{ field: name, message: `${name} must be a UUID` }]),
    }),
  );
