import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldProblem, ValidationFailedError } from './app-error';
import { unstorableStrings } from './storable-text';
import { keepConstraintInstancesInAMap } from './validation-constraint-instances';
import { cacheValidationMetadataLookups } from './validation-metadata-cache';

/** Flattens class-validator's tree into `{ field: 'address.city', message }` entries. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}

/**
 * Bodies and queries become DTO instances, or a 422 naming each bad or unknown field. Before
 * any DTO rule, every string of the body, query and path is checked for characters PostgreSQL
 * cannot store, whatever the DTO: a NUL is a 422 naming its field, never a database error.
 */
class AppValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A custom decorator's value (the caller) is ours, not the client's: nothing to check or convert.
    if (metadata.type === 'custom') return value;
    const problems = unstorableStrings(value, metadata.type === 'param' ? (metadata.data ?? '') : '');
    if (problems.length > 0) throw new ValidationFailedError(problems);
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadataLookups();
  keepConstraintInstancesInAMap();
  return new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(toFieldProblems(errors)),
  });
}
