import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { finalize, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../access/current-actor.decorator';
import { AppConfig } from '../core/config/app-config';
import { AtCapacityError } from '../core/http/app-error';
import { UploadMemoryBudget } from './upload-memory-budget';

const RETRY_AFTER_SECONDS = 5;

/**
 * Reserves an upload's bytes in the UploadMemoryBudget before the body is read (interceptors run
 * before pipes, and the multipart body is read by the upload pipe), and frees them once the
 * upload is answered, whichever way. JSON uploads are bounded by BODY_LIMIT_BYTES like every body.
 */
@Injectable()
export class UploadMemoryInterceptor implements NestInterceptor {
  constructor(
    private readonly budget: UploadMemoryBudget,
    private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & AuthenticatedRequest>();
    if (!request.isMultipart() || !request.actor) return next.handle();
    const declared = Number(request.headers['content-length']);
    const max = this.config.KNOWLEDGE_MAX_UPLOAD_BYTES;
    // A chunked body declares nothing: it may grow to the largest upload.
    const bytes = Number.isSafeInteger(declared) && declared > 0 ? Math.min(declared, max) : max;
    const release = this.budget.reserve(request.actor.organizationId, bytes);
    if (!release) throw new AtCapacityError('Too many uploads are in progress; try again shortly', RETRY_AFTER_SECONDS);
    return next.handle().pipe(finalize(release));
  }
}
