import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { UnsupportedMediaTypeError } from './app-error';

const JSON_ONLY = ['application/json'];
/** The metadata key @nestjs/swagger's `@ApiConsumes` writes (the package does not export its constants). */
const API_CONSUMES = 'swagger/apiConsumes';

const hasBody = (request: FastifyRequest): boolean =>
  Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;

/**
 * A route accepts the content types its OpenAPI operation documents (`@ApiConsumes`, JSON when
 * none is named), and nothing else: a multipart or form body sent to a JSON route is 415, not
 * quietly read as an empty object.
 */
@Injectable()
export class DocumentedContentTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    // Fastify never reads the body of a GET or HEAD, so what it claims to be does not matter.
    if (request.method === 'GET' || request.method === 'HEAD' || !hasBody(request)) return true;
    const documented =
      this.reflector.getAllAndOverride<string[] | undefined>(API_CONSUMES, [
        context.getHandler(),
        context.getClass(),
      ]) ?? JSON_ONLY;
    const mediaType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (documented.includes(mediaType)) return true;
    throw new UnsupportedMediaTypeError(`This route accepts ${documented.join(' or ')} bodies`);
  }
}
