import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import {
  AppError,
  BadRequestError,
  type FieldProblem,
  PayloadTooLargeError,
  ValidationFailedError,
} from '../core/http/app-error';
import { unstorableStrings } from '../core/http/storable-text';
import type { DocumentUpload } from './document-upload';
import { FILENAME_MAX } from './knowledge-bounds';
import { MAX_TITLE_LENGTH } from './model/document-title';

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

/**
 * A multipart body that breaks off or is malformed makes the part iterator throw a bare busboy
 * error: the client's fault, 400. Limit errors already carry their status (413).
 */
function multipartFailure(error: unknown): unknown {
  if (error instanceof AppError || typeof (error as { statusCode?: unknown } | null)?.statusCode === 'number')
    return error;
  return new BadRequestError('The multipart body is malformed or incomplete');
}

/**
 * multipart/form-data: one `file`, an optional `title`, nothing else. The parts arrive as a
 * stream, so their rules are checked here as they are read; JSON bodies go through the
 * validation pipe instead (see DocumentUploadPipe).
 */
export async function readMultipartUpload(request: FastifyRequest, maxBytes: number): Promise<DocumentUpload> {
  try {
    return await readParts(request, maxBytes);
  } catch (error) {
    throw multipartFailure(error);
  }
}

async function readParts(request: FastifyRequest, maxBytes: number): Promise<DocumentUpload> {
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
      if (title.length < 1 || title.length > MAX_TITLE_LENGTH) {
        problems.push({ field: 'title', message: `title must be 1 to ${MAX_TITLE_LENGTH} characters` });
      }
      problems.push(...unstorableStrings(title, 'title'));
    } else {
      if (part.type === 'file') await part.toBuffer().catch(() => undefined);
      problems.push({ field: part.fieldname, message: `property ${part.fieldname} should not exist` });
    }
  }
  if (!bytes) problems.push({ field: 'file', message: 'file is required' });
  if (problems.length > 0 || !bytes) throw new ValidationFailedError(problems);
  return { bytes, filename, title };
}
