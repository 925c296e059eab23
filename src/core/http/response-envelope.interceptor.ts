import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import { MessageResponse, PaginatedResponse, type DataResponse } from './responses';

type Enveloped = DataResponse<unknown> | PaginatedResponse<unknown> | MessageResponse;

/**
 * Wraps whatever a controller returns in `{ data }`, unless it already is a page or a message.
 * A handler that wrote the reply itself (a stream) is left alone.
 */
@Injectable()
export class ResponseEnvelopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<Enveloped | undefined> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result: unknown) => {
        if (reply.sent) return undefined;
        if (result instanceof PaginatedResponse || result instanceof MessageResponse) return result;
        return { data: result };
      }),
    );
  }
}
