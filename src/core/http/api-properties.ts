import type { Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';

/**
 * Property decorators for the document's common shapes, so every schema states the type,
 * format and bounds a generated client (and a security linter) relies on.
 */
interface Extra {
  description?: string;
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  required?: boolean;
  minLength?: number;
  pattern?: string;
}

export const INT32_MAX = 2_147_483_647;
/** `toISOString()` of any year 0-9999 with milliseconds; 'Z' always. */
const TIMESTAMP_LENGTH = 24;
/** RFC 5321's longest forward path, the bound every email field uses. */
export const EMAIL_MAX_LENGTH = 254;

/** A UUID (ids are UUIDv7). */
export const ApiUuid = (extra: Extra = {}) =>
  ApiProperty({
    type: String,
    format: 'uuid',
    maxLength: 36,
    example: '0190f3a2-8c1e-7c55-9d51-2b1f1c2a9e10',
    ...extra,
  });

/** An ISO 8601 UTC timestamp. */
export const ApiTimestamp = (extra: Extra = {}) =>
  ApiProperty({
    type: String,
    format: 'date-time',
    maxLength: TIMESTAMP_LENGTH,
    example: '2026-01-15T09:30:00.000Z',
    ...extra,
  });

export const ApiEmail = (extra: Extra = {}) =>
  ApiProperty({ type: String, format: 'email', maxLength: EMAIL_MAX_LENGTH, example: 'ada@example.com', ...extra });

/** Free text of at most `maxLength` characters. */
export const ApiText = (maxLength: number, extra: Extra = {}) => ApiProperty({ type: String, maxLength, ...extra });

/** A whole number in [minimum, maximum]; int64 when it may pass 32 bits. */
export const ApiInteger = (minimum: number, maximum: number, extra: Extra = {}) =>
  ApiProperty({ type: 'integer', format: maximum > INT32_MAX ? 'int64' : 'int32', minimum, maximum, ...extra });

/** A list of at most `maxItems` strings of at most `maxLength` characters each. */
export const ApiStringList = (maxItems: number, maxLength: number, extra: Extra = {}) =>
  ApiProperty({ type: 'array', items: { type: 'string', maxLength }, maxItems, ...extra });

/** One of `values` or `null` (OpenAPI 3.0 wants the null in the enum too). */
export const ApiNullableEnum = (values: readonly string[], extra: Extra = {}) =>
  ApiProperty({ type: 'string', enum: [...values, null] as string[], nullable: true, ...extra });

/**
 * `model` or `null`. OpenAPI 3.0 ignores `nullable` beside a bare `$ref`/`allOf`, so `null`
 * gets its own branch (the pattern 3.0 validators and generators understand).
 */
export const ApiNullableModel =
  (model: Type, extra: Extra = {}): PropertyDecorator =>
  (target, key) => {
    // Registered on the owning view, so the schema factory documents `model` beside it.
    ApiExtraModels(model)(target.constructor);
    ApiProperty({
      oneOf: [{ $ref: getSchemaPath(model) }, { type: 'object', nullable: true, enum: [null] }],
      ...extra,
    })(target, key);
  };

/** Largest safe integer: counters and sizes that are bigint in PostgreSQL but numbers in JSON. */
export const SAFE_INTEGER_MAX = Number.MAX_SAFE_INTEGER;
