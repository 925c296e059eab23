import type { PaginationQuery } from './pagination.dto';

/** `{ data }`: one thing. Controllers return the bare value; the interceptor wraps it. */
export interface DataResponse<T> {
  data: T;
}

/** `{ data, total, skip, limit }`: one page of a list. Services return it as is. */
export class PaginatedResponse<T> {
  constructor(
    readonly data: T[],
    readonly total: number,
    readonly skip: number,
    readonly limit: number,
  ) {}
}

/** The page `page` asked for: `rows` shown through `view`, out of `total`. */
export const pageOf = <R, T>(
  rows: R[],
  total: number,
  page: PaginationQuery,
  view: (row: R) => T,
): PaginatedResponse<T> =>
  new PaginatedResponse(
    rows.map((row) => view(row)),
    total,
    page.skip,
    page.limit,
  );

/** `{ message }`: an action with nothing to return. */
export class MessageResponse {
  constructor(readonly message: string) {}
}
