import { Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { ValidationFailedError } from './app-error';

/** `@UuidParam('id')`: a path parameter that must be a UUID, else 422 naming it; documented as one. */
export const UuidParam =
  (name = 'id'): ParameterDecorator =>
  (target, key, index) => {
    Param(
      name,
      new ParseUUIDPipe({
        exceptionFactory: () => new ValidationFailedError([{ field: name, message: `${name} must be a UUID` }]),
      }),
    )(target, key, index);
    if (key === undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor)
      ApiParam({ name, schema: { type: 'string', format: 'uuid', maxLength: 36 } })(target, key, descriptor);
  };
