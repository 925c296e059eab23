import type { DocumentChunk } from './model/document-chunk.entity';
import { ApiInteger, ApiText, ApiUuid, INT32_MAX } from '../core/http/api-properties';
import { ApiHeadingPath, CHUNK_TEXT_MAX } from './knowledge-bounds';

export class ChunkView {
  @ApiUuid() id: string;
  @ApiInteger(0, INT32_MAX, { example: 0 }) position: number;
  @ApiHeadingPath() headingPath: string[];
  @ApiText(CHUNK_TEXT_MAX) text: string;
  @ApiInteger(0, INT32_MAX, { description: "Offset of the text in the document's extracted text" }) startOffset: number;
  @ApiInteger(0, INT32_MAX) endOffset: number;
  @ApiInteger(1, INT32_MAX, { example: 1 }) version: number;
}

export const toChunkView = (chunk: DocumentChunk): ChunkView => ({
  id: chunk.id,
  position: chunk.position,
  headingPath: chunk.headingPath,
  text: chunk.text,
  startOffset: chunk.startOffset,
  endOffset: chunk.endOffset,
  version: chunk.version,
});
