import { stdSerializers } from 'pino';

/** Fields of a PostgreSQL error that name things (never values), kept for diagnosis. */
const DRIVER_FIELDS = ['code', 'severity', 'routine', 'schema', 'table', 'column', 'constraint', 'dataType'] as const;

interface FailedQuery {
  query: string;
  driverError?: Record<string, unknown>;
}

const isFailedQuery = (error: unknown): error is Error & FailedQuery =>
  error instanceof Error && typeof (error as { query?: unknown }).query === 'string';

/**
 * The `err` serializer of every log line. A failed statement keeps its SQL text and
 * PostgreSQL's error code and names; its parameters, PostgreSQL's message and detail (which
 * quote values: "Key (email)=(...)", "invalid input syntax for type uuid: ...") and the stack's
 * first line (the same message) are left out, since they can carry document text, prompts or
 * hashes. Other errors keep pino's standard form, without a `parameters` field.
 */
export function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return error;
  if (isFailedQuery(error)) {
    const driver = error.driverError ?? {};
    const names = Object.fromEntries(
      DRIVER_FIELDS.filter((key) => driver[key] !== undefined).map((key) => [key, driver[key]]),
    );
    return {
      type: error.name,
      message: `Query failed${typeof driver.code === 'string' ? ` (SQLSTATE ${driver.code})` : ''}`,
      query: error.query,
      ...names,
      stack: error.stack?.split('\n').slice(1).join('\n'),
    };
  }
  const serialized = stdSerializers.err(error) as unknown as Record<string, unknown>;
  delete serialized.parameters;
  return serialized;
}
