import { applyDecorators, type Type } from '@nestjs/common';
import {
  ApiConsumes,
  ApiExtension,
  ApiExtraModels,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import type { HeadersObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { ApiText, SAFE_INTEGER_MAX } from './api-properties';
import { ERROR_LIMITS, ERRORS_BY_STATUS, WWW_AUTHENTICATE } from './error-envelope';
import { MAX_PAGE_SIZE } from './pagination.dto';
import { MAX_REQUEST_ID_LENGTH } from './request-id';

class FieldProblemDoc {
  @ApiText(ERROR_LIMITS.field, { example: 'email' }) field: string;
  @ApiText(ERROR_LIMITS.message, { example: 'email must be an email' }) message: string;
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int64',
    minimum: 0,
    maximum: SAFE_INTEGER_MAX,
    description: 'payment_required only: the plan limit',
    example: 50,
  })
  limit?: number;
  @ApiPropertyOptional({
    type: 'integer',
    format: 'int64',
    minimum: 0,
    maximum: SAFE_INTEGER_MAX,
    description: 'payment_required only: what is in use',
    example: 50,
  })
  used?: number;
  @ApiPropertyOptional({ type: String, maxLength: 50, description: 'payment_required only: the plan', example: 'free' })
  plan?: string;
}

class ErrorBodyDoc {
  @ApiProperty({ enum: [...new Set(Object.values(ERRORS_BY_STATUS).map((e) => e.code))] }) code: string;
  @ApiText(ERROR_LIMITS.message, { example: 'Ticket not found' }) message: string;
  @ApiText(MAX_REQUEST_ID_LENGTH, {
    example: '0190f3a2-8c1e-7c55-9d51-2b1f1c2a9e10',
    description: 'Also in the X-Request-Id header; quote it when reporting a problem',
  })
  requestId: string;
  @ApiPropertyOptional({ type: [FieldProblemDoc], maxItems: ERROR_LIMITS.details }) details?: FieldProblemDoc[];
}

export class ErrorEnvelopeDoc {
  @ApiProperty({ type: ErrorBodyDoc }) error: ErrorBodyDoc;
}

export class MessageResponseDoc {
  @ApiText(200, { example: 'Done' }) message: string;
}

const header = (description: string, schema: SchemaObject, required = true) => ({ description, required, schema });

/** Headers each error status carries (RFC 9110: a 401 names its challenge; a 429 says when to retry). */
export const ERROR_HEADERS: Record<number, HeadersObject> = {
  401: {
    'WWW-Authenticate': header('The accepted scheme', { type: 'string', maxLength: 100, example: WWW_AUTHENTICATE }),
  },
  429: {
    'Retry-After': header('Seconds to wait before trying again', {
      type: 'integer',
      format: 'int32',
      minimum: 1,
      maximum: 86_400,
    }),
  },
};

/** The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers) a rate-limited route sends. */
export const RATE_LIMIT_HEADERS: HeadersObject = {
  'RateLimit-Policy': header('The quota: `"<policy>";q=<requests>;w=<window seconds>`', {
    type: 'string',
    maxLength: 100,
    pattern: '^"[a-z0-9-]+";q=\\d+;w=\\d+$',
    example: '"login";q=10;w=900',
  }),
  RateLimit: header('What is left: `"<policy>";r=<remaining>;t=<seconds until the window resets>`', {
    type: 'string',
    maxLength: 100,
    pattern: '^"[a-z0-9-]+";r=\\d+;t=\\d+$',
    example: '"login";r=7;t=612',
  }),
};

/** Realistic examples per status, so Swagger UI shows what that status really answers. */
const ERROR_EXAMPLES: Record<number, Partial<{ message: string; details: { field: string; message: string }[] }>> = {
  404: { message: 'Ticket not found' },
  409: { message: 'The ticket changed since you read it (version 3 is current)' },
  422: {
    details: [{ field: 'subject', message: 'subject must be longer than or equal to 1 characters' }],
  },
};

const errorExample = (status: number) => ({
  error: {
    code: ERRORS_BY_STATUS[status]?.code,
    message: ERRORS_BY_STATUS[status]?.message,
    requestId: '0190f3a2-8c1e-7c55-9d51-2b1f1c2a9e10',
    ...ERROR_EXAMPLES[status],
  },
});

/** One error status in the envelope, with its headers and example. */
export const ApiErrorResponse = (status: number, description = ERRORS_BY_STATUS[status]?.message) =>
  applyDecorators(
    ApiExtraModels(ErrorEnvelopeDoc),
    // Always JSON, even on a route that streams its success (its errors come before the stream).
    ApiResponse({
      status,
      description,
      headers: ERROR_HEADERS[status],
      content: {
        'application/json': { schema: { $ref: getSchemaPath(ErrorEnvelopeDoc) }, example: errorExample(status) },
      },
    }),
  );

/** Documents the error envelope for each listed status. */
export const ApiErrorResponses = (...statuses: number[]) =>
  applyDecorators(...statuses.map((status) => ApiErrorResponse(status)));

/** A 200 `{ data, ...extra }` whose schema is built around the model's `$ref`. */
const dataEnvelope = (
  model: Type,
  data: (ref: { $ref: string }) => SchemaObject,
  extra: Record<string, SchemaObject> = {},
) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: 200,
      schema: {
        type: 'object',
        required: ['data', ...Object.keys(extra)],
        properties: { data: data({ $ref: getSchemaPath(model) }), ...extra },
      },
    }),
  );

/** Documents a `{ data: Model }` success. */
export const ApiDataResponse = (model: Type, status = 200, description?: string) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status,
      description,
      schema: { type: 'object', required: ['data'], properties: { data: { $ref: getSchemaPath(model) } } },
    }),
  );

/** Documents a `{ data: Model[] }` success that is not paginated (at most `maxItems`). */
export const ApiDataListResponse = (model: Type, maxItems: number) =>
  dataEnvelope(model, (items) => ({ type: 'array', maxItems, items }));

/** Documents a `{ data: Model[], total, skip, limit }` page. */
export const ApiPaginatedResponse = (model: Type) =>
  dataEnvelope(model, (items) => ({ type: 'array', maxItems: MAX_PAGE_SIZE, items }), {
    total: { type: 'integer', format: 'int64', minimum: 0, maximum: SAFE_INTEGER_MAX, example: 42 },
    skip: { type: 'integer', format: 'int64', minimum: 0, maximum: SAFE_INTEGER_MAX, example: 0 },
    limit: { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE, example: 20 },
  });

/** Documents a `{ message }` success. */
export const ApiMessageResponse = (status = 200) => ApiResponse({ status, type: MessageResponseDoc });

/**
 * A request body whose schema depends on its media type (OpenAPI allows it; `@ApiBody` gives
 * every media type the same schema). buildOpenApiDocument moves this into `requestBody`.
 */
export const REQUEST_BODIES_EXTENSION = 'x-deskbase-request-bodies';
export const ApiBodyPerMediaType = (schemas: Record<string, SchemaObject | ReferenceObject>, models: Type[] = []) =>
  applyDecorators(
    ApiExtraModels(...models),
    // The media types also tell the content-type guard what the route accepts.
    ApiConsumes(...Object.keys(schemas)),
    ApiExtension(REQUEST_BODIES_EXTENSION, schemas),
  );
