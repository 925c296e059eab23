import { ApiProperty } from '@nestjs/swagger';
import { ApiText, ApiUuid } from '../core/http/api-properties';
import { ApiHeadingPath, SNIPPET_MAX } from './knowledge-bounds';
import { MAX_TITLE_LENGTH } from './model/document-title';

export class SearchHitView {
  @ApiUuid() chunkId: string;
  @ApiUuid() documentId: string;
  @ApiText(MAX_TITLE_LENGTH, { example: 'Refund policy' }) documentTitle: string;
  @ApiHeadingPath() headingPath: string[];
  @ApiText(SNIPPET_MAX, {
    example: 'Gift cards are never <mark>refundable</mark>.',
    description:
      'Plain text of the chunk around the matches, which are wrapped in <mark></mark>; escape the rest before rendering it as HTML',
  })
  snippet: string;
  @ApiProperty({
    minimum: 0,
    maximum: 1_000_000,
    example: 0.0759,
    description: 'Relevance (ts_rank); higher is better',
  })
  score: number;
}
