import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import { type DataResponse, MessageResponse, PaginatedResponse } from './responses';

type Enveloped = DataResponse<unknown> | PaginatedResponse<unknown> | MessageResponse;

/**
 * What a handler returned, as the contract sends it: `{ data }`, unless it already is a page
 * or a message. A body Nest streams (a file, or the chunks of a streamed answer) is not a
 * handler's value and is left as it is.
 */
export function envelope(body: unknown): Enveloped | Readable | StreamableFile {
  if (body instanceof PaginatedResponse || body instanceof MessageResponse) return body;
  if (body instanceof Readable || body instanceof StreamableFile) return body;
  return { data: body };
}
