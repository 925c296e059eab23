import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';
import type { UploadResult } from './document-upload';

/** Answers an upload 202 when it queued a new document, 200 when the same bytes were there already. */
@Injectable()
export class UploadStatusInterceptor<T> implements NestInterceptor<UploadResult<T>, T> {
  intercept(context: ExecutionContext, next: CallHandler<UploadResult<T>>): Observable<T> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map(({ document, created }) => {
        void reply.status(created ? 202 : 200);
        return document;
      }),
    );
  }
}
