import { ApiPropertyOptional } from '@nestjs/swagger';
import { INT32_MAX } from './api-properties';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

/** `?skip=&limit=` for every list route; extend it to add filters. */
export class PaginationQuery {
  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 0, maximum: INT32_MAX, default: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(INT32_MAX)
  skip = 0;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_PAGE_SIZE, default: 20 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit = 20;
}
