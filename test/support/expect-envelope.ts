import type { ApiResponse } from './api-client';

export interface ErrorEnvelope {
  error: { code: string; message: string; requestId: string; details?: Array<{ field: string; message: string }> };
}

/** A time-ordered id that no row has: the "missing" counterpart of another organization's id. */
export const MISSING_ID = '01900000-0000-7000-8000-000000000000';

/** An ISO 8601 UTC timestamp, as every JSON date is. */
export const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** Asserts the error envelope (status, code, request id) and returns its body. */
export function expectError(response: ApiResponse<unknown>, status: number, code: string): ErrorEnvelope['error'] {
  const body = response.body as ErrorEnvelope;
  expect({ status: response.status, body }).toEqual({
    status,
    body: { error: expect.objectContaining({ code, message: expect.any(String) }) },
  });
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error.requestId).toBe(response.headers.get('x-request-id'));
  return body.error;
}

/** Every field named in the details is `field`, and there is at least one. */
export function expectFieldProblem(error: ErrorEnvelope['error'], field: string): void {
  expect(error.details?.length).toBeGreaterThan(0);
  expect(error.details?.map((d) => d.field)).toEqual(error.details?.map(() => field));
}
