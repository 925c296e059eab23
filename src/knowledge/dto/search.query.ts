import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { IntQueryParam } from '../../core/http/pagination.dto';
import { SEARCH_MODES, type SearchMode } from '../search-mode';

export const MAX_SEARCH_RESULTS = 50;

export class SearchQuery {
  @ApiProperty({
    example: 'how do I refund a "gift card" -voucher',
    description:
      'A question or words: results hold any of its meaningful words, ranked by how rare they are and how much of the ' +
      'query a passage covers. Only when the input is clearly search syntax (a "quoted phrase" or an upper-case OR) ' +
      'do "phrases", OR and a leading -word act as operators; otherwise -x and --flag are names to find.',
    minLength: 1,
    maxLength: 500,
  })
  @IsString()
  @Length(1, 500)
  q: string;

  @IntQueryParam(1, MAX_SEARCH_RESULTS, 10) limit = 10;

  @ApiPropertyOptional({ format: 'uuid', maxLength: 36, description: 'Search one document only' })
  @IsOptional()
  @IsUUID()
  documentId?: string;

  @ApiPropertyOptional({
    enum: SEARCH_MODES,
    description:
      'lexical: by words; semantic: by meaning (embeddings); hybrid: both, fused by rank. Default: hybrid when an ' +
      'embedding provider is configured, lexical otherwise. The X-Search-Mode header says which answered; ' +
      'X-Search-Fallback says why a search answered lexically instead.',
  })
  @IsOptional()
  @IsIn(SEARCH_MODES)
  mode?: SearchMode;
}
