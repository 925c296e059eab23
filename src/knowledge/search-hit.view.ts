import { ApiProperty } from '@nestjs/swagger';
import { SNIPPET_DESCRIPTION } from '../chat/passage-retriever';

export class SearchHitView {
  @ApiProperty({ format: 'uuid' }) chunkId: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ example: 'Refund policy' }) documentTitle: string;
  @ApiProperty({ type: [String], example: ['Refund policy', 'Exceptions'] }) headingPath: string[];
  @ApiProperty({
    example: 'Gift cards are never <mark>refundable</mark> &amp; cannot be &lt;transferred&gt;.',
    description: SNIPPET_DESCRIPTION,
  })
  snippet: string;
  @ApiProperty({
    example: 0.0759,
    description:
      'Relevance, higher is better, comparable within one search only: BM25 (lexical), cosine similarity ' +
      '(semantic) or the reciprocal-rank-fusion score (hybrid)',
  })
  score: number;
}
