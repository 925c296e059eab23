import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { TEXT_FORMATS, type TextFormat } from '../model/document-format';
import { MAX_TITLE_LENGTH } from '../model/document-title';

/** Fits the default 1 MiB JSON body with room for the other fields. */
export const JSON_CONTENT_MAX = 1_000_000;

/** The JSON way to add a document: text the client already has, in a format it names. */
export class CreateDocumentDto {
  @ApiProperty({ example: 'Refund policy', minLength: 1, maxLength: MAX_TITLE_LENGTH })
  @IsString()
  @Length(1, MAX_TITLE_LENGTH)
  title: string;

  @ApiProperty({
    example: '# Refund policy\n\nCustomers may request a refund within 30 days.',
    minLength: 1,
    maxLength: JSON_CONTENT_MAX,
  })
  @IsString()
  @Length(1, JSON_CONTENT_MAX)
  content: string;

  @ApiProperty({ enum: TEXT_FORMATS })
  @IsIn(TEXT_FORMATS)
  format: TextFormat;
}
