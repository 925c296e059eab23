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

/** `{ message }`: an action with nothing to return. */
export class MessageResponse {
  constructor(readonly message: string) {}
}
