import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/** Deepest offset a list can be read at: far past any real list, and well inside PostgreSQL's bigint. */
export const MAX_SKIP = 1_000_000;

/** An optional whole number in the query string, from `minimum` to `maximum`, `fallback` when absent. */
export const IntQueryParam = (minimum: number, maximum: number, fallback: number): PropertyDecorator =>
  applyDecorators(
    Max(maximum),
    Min(minimum),
    IsInt(),
    Type(() => Number),
    ApiPropertyOptional({ type: 'integer', format: 'int32', minimum, maximum, default: fallback }),
  );

/** `?skip=&limit=` for every list route; extend it to add filters. */
export class PaginationQuery {
  @IntQueryParam(0, MAX_SKIP, 0) skip = 0;
  @IntQueryParam(1, MAX_PAGE_SIZE, 20) limit = 20;
}
