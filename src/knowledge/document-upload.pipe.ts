import { createParamDecorator, type ExecutionContext, Injectable, type PipeTransform } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../core/config/app-config';
import { createValidationPipe } from '../core/http/validation.pipe';
import type { DocumentUpload } from './document-upload';
import { readMultipartUpload } from './document-upload.reader';
import { CreateDocumentDto } from './dto/create-document.dto';

/**
 * Turns the request into a DocumentUpload, from either body `POST /v1/knowledge/documents`
 * accepts: a multipart file, or JSON text validated by the same pipe as every other body.
 * Fastify already refused other content types (415) and oversized JSON (413).
 */
@Injectable()
export class DocumentUploadPipe implements PipeTransform<FastifyRequest, Promise<DocumentUpload>> {
  private readonly validation = createValidationPipe();

  constructor(private readonly config: AppConfig) {}

  async transform(request: FastifyRequest): Promise<DocumentUpload> {
    if (request.isMultipart()) return readMultipartUpload(request, this.config.KNOWLEDGE_MAX_UPLOAD_BYTES);
    const input = (await this.validation.transform(request.body ?? {}, {
      type: 'body',
      metatype: CreateDocumentDto,
    })) as CreateDocumentDto;
    return {
      bytes: Buffer.from(input.content, 'utf8'),
      title: input.title,
      filename: null,
      declaredFormat: input.format,
    };
  }
}

/** The uploaded document, read by DocumentUploadPipe. */
export const UploadedDocument = (): ParameterDecorator =>
  createParamDecorator((_data: unknown, context: ExecutionContext) =>
    context.switchToHttp().getRequest<FastifyRequest>(),
  )(DocumentUploadPipe);
