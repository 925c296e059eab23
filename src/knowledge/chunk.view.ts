import { ApiProperty } from '@nestjs/swagger';
import type { DocumentChunk } from './model/document-chunk.entity';

export class ChunkView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 0 }) position: number;
  @ApiProperty({ type: [String], example: ['Refund policy', 'Exceptions'] }) headingPath: string[];
  @ApiProperty() text: string;
  @ApiProperty({ description: "Offset of the text in the document's extracted text" }) startOffset: number;
  @ApiProperty() endOffset: number;
  @ApiProperty({ example: 1 }) version: number;
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
