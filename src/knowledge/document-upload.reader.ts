import type { MultipartFile } from '@fastify/multipart';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import { type FieldProblem, PayloadTooLargeError, ValidationFailedError } from '../core/http/app-error';
import { toFieldProblems } from '../core/http/validation.pipe';
import type { DocumentUpload } from './document-upload';
import { CreateDocumentDto } from './dto/create-document.dto';
import { DOCUMENT_TITLE_MAX, FILENAME_MAX } from './knowledge-bounds';

const hasCode = (error: unknown, code: string): boolean => (error as { code?: unknown } | null)?.code === code;

async function readFilePart(part: MultipartFile, maxBytes: number): Promise<Buffer> {
  try {
    return await part.toBuffer();
  } catch (error) {
    if (hasCode(error, 'FST_REQ_FILE_TOO_LARGE'))
      throw new PayloadTooLargeError(`Documents are limited to ${maxBytes} bytes`);
    throw error;
  }
}

/** multipart/form-data: one `file`, an optional `title`, nothing else. */
async function readMultipart(request: FastifyRequest, maxBytes: number): Promise<DocumentUpload> {
  let bytes: Buffer | undefined;
  let filename: string | null = null;
  let title: string | undefined;
  const problems: FieldProblem[] = [];
  for await (const part of request.parts()) {
    if (part.type === 'file' && part.fieldname === 'file') {
      bytes = await readFilePart(part, maxBytes);
      filename = part.filename ? part.filename.slice(0, FILENAME_MAX) : null;
    } else if (part.type === 'field' && part.fieldname === 'title') {
      title = String(part.value).trim();
      if (title.length < 1 || title.length > DOCUMENT_TITLE_MAX) {
        problems.push({ field: 'title', message: `title must be 1 to ${DOCUMENT_TITLE_MAX} characters` });
      }
    } else {
      if (part.type === 'file') await part.toBuffer().catch(() => undefined);
      problems.push({ field: part.fieldname, message: `property ${part.fieldname} should not exist` });
    }
  }
  if (!bytes) problems.push({ field: 'file', message: 'file is required' });
  if (problems.length > 0 || !bytes) throw new ValidationFailedError(problems);
  return { bytes, filename, title };
}

/** JSON: text the client already has, in the format it names. */
async function readJson(body: unknown): Promise<DocumentUpload> {
  const input = plainToInstance(CreateDocumentDto, body ?? {});
  const errors = await validate(input, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) throw new ValidationFailedError(toFieldProblems(errors));
  return {
    bytes: Buffer.from(input.content, 'utf8'),
    title: input.title,
    filename: null,
    declaredFormat: input.format,
  };
}

/**
 * Reads an upload from either body `POST /v1/knowledge/documents` accepts. Fastify already
 * refused other content types (415) and oversized JSON (413).
 */
export function readDocumentUpload(request: FastifyRequest, maxBytes: number): Promise<DocumentUpload> {
  return request.isMultipart() ? readMultipart(request, maxBytes) : readJson(request.body);
}
