import { QueryFailedError } from 'typeorm';
import { ConflictError } from '../http/app-error';

/** True when PostgreSQL refused a row for breaking a unique constraint (SQLSTATE 23505). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';

/**
 * Settles as `work` does, except that a unique-constraint violation becomes `ConflictError(message)`:
 * the index settles a race two requests ran at once, and the loser gets a 409, not a 500.
 */
export const conflictOnUniqueViolation = <T>(work: Promise<T>, message: string): Promise<T> =>
  work.catch((error: unknown) => {
    throw isUniqueViolation(error) ? new ConflictError(message) : error;
  });
