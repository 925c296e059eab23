import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

export const MAX_SEARCH_RESULTS = 50;

export class SearchQuery {
  @ApiProperty({
    example: 'refund "gift card" -voucher',
    description: 'Web-search syntax: words, "quoted phrases", or, -excluded',
    minLength: 1,
    maxLength: 500,
  })
  @IsString()
  @Length(1, 500)
  q: string;

  @ApiPropertyOptional({ type: 'integer', format: 'int32', minimum: 1, maximum: MAX_SEARCH_RESULTS, default: 10 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SEARCH_RESULTS)
  limit = 10;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Search one document only' })
  @IsOptional()
  @IsUUID()
  documentId?: string;
}
