import { ApiProperty } from '@nestjs/swagger';

export class SearchHitView {
  @ApiProperty({ format: 'uuid' }) chunkId: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ example: 'Refund policy' }) documentTitle: string;
  @ApiProperty({ type: [String], example: ['Refund policy', 'Exceptions'] }) headingPath: string[];
  @ApiProperty({
    example: 'Gift cards are never <mark>refundable</mark>.',
    description:
      'Plain text of the chunk around the matches, which are wrapped in <mark></mark>; escape the rest before rendering it as HTML',
  })
  snippet: string;
  @ApiProperty({ example: 0.0759, description: 'Relevance (ts_rank); higher is better' }) score: number;
}
