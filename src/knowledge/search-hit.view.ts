import { ApiProperty } from '@nestjs/swagger';
import { SNIPPET_DESCRIPTION } from './passage-retriever';
import { ApiText, ApiUuid } from '../core/http/api-properties';
import { ApiHeadingPath, SNIPPET_MAX } from './knowledge-bounds';
import { MAX_TITLE_LENGTH } from './model/document-title';

export class SearchHitView {
  @ApiUuid() chunkId: string;
  @ApiUuid() documentId: string;
  @ApiText(MAX_TITLE_LENGTH, { example: 'Refund policy' }) documentTitle: string;
  @ApiHeadingPath() headingPath: string[];
  @ApiText(SNIPPET_MAX, {
    example: 'Gift cards are never <mark>refundable</mark> &amp; cannot be &lt;transferred&gt;.',
    description: SNIPPET_DESCRIPTION,
  })
  snippet: string;
  @ApiProperty({
    minimum: 0,
    maximum: 1_000_000,
    example: 0.0759,
    description:
      'Relevance, higher is better, comparable within one search only: BM25 (lexical), cosine similarity ' +
      '(semantic) or the reciprocal-rank-fusion score (hybrid)',
  })
  score: number;
}
