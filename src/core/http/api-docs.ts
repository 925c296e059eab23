import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERRORS_BY_STATUS } from './error-envelope';

class FieldProblemDoc {
  @ApiProperty({ example: 'email' }) field: string;
  @ApiProperty({ example: 'email must be an email' }) message: string;
  @ApiPropertyOptional({ description: 'payment_required only: the plan limit', example: 50 }) limit?: number;
  @ApiPropertyOptional({ description: 'payment_required only: what is in use', example: 50 }) used?: number;
  @ApiPropertyOptional({ description: 'payment_required only: the plan', example: 'free' }) plan?: string;
}

class ErrorBodyDoc {
  @ApiProperty({ enum: [...new Set(Object.values(ERRORS_BY_STATUS).map((e) => e.code))] }) code: string;
  @ApiProperty({ example: 'Ticket not found' }) message: string;
  @ApiProperty({ example: '0190f3a2-8c1e-7c55-9d51-2b1f1c2a9e10' }) requestId: string;
  @ApiPropertyOptional({ type: [FieldProblemDoc] }) details?: FieldProblemDoc[];
}

export class ErrorEnvelopeDoc {
  @ApiProperty({ type: ErrorBodyDoc }) error: ErrorBodyDoc;
}

export class MessageResponseDoc {
  @ApiProperty({ example: 'Done' }) message: string;
}

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

/** Documents a `{ data: Model[], total, skip, limit }` page. */
export const ApiPaginatedResponse = (model: Type) =>
  applyDecorators(
    ApiExtraModels(model),
    ApiResponse({
      status: 200,
      schema: {
        type: 'object',
        required: ['data', 'total', 'skip', 'limit'],
        properties: {
          data: { type: 'array', items: { $ref: getSchemaPath(model) } },
          total: { type: 'integer', example: 42 },
          skip: { type: 'integer', example: 0 },
          limit: { type: 'integer', example: 20 },
        },
      },
    }),
  );

/** Documents a `{ message }` success. */
export const ApiMessageResponse = (status = 200) => ApiResponse({ status, type: MessageResponseDoc });

/** Documents the error envelope for each listed status. */
export const ApiErrorResponses = (...statuses: number[]) =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, description: ERRORS_BY_STATUS[status]?.message, type: ErrorEnvelopeDoc }),
    ),
  );
