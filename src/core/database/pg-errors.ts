import { QueryFailedError } from 'typeorm';

/** True when PostgreSQL refused a row for breaking a unique constraint (SQLSTATE 23505). */
export const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError && (error.driverError as { code?: string } | undefined)?.code === '23505';
