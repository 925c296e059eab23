import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;
/** Deepest offset a list can be read at: far past any real list, and well inside PostgreSQL's bigint. */
export const MAX_SKIP = 1_000_000;

/** `?skip=&limit=` for every list route; extend it to add filters. */
export class PaginationQuery {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, maximum: MAX_SKIP, default: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_SKIP)
  skip = 0;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit = 20;
}
