import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, MinLength } from 'class-validator';
import { TEXT_FORMATS, type TextFormat } from '../model/document-format';
import { MAX_TITLE_LENGTH } from '../model/document-title';

/** The JSON way to add a document: text the client already has, in a format it names. */
export class CreateDocumentDto {
  @ApiProperty({ example: 'Refund policy', minLength: 1, maxLength: MAX_TITLE_LENGTH })
  @IsString()
  @Length(1, MAX_TITLE_LENGTH)
  title: string;

  @ApiProperty({ example: '# Refund policy\n\nCustomers may request a refund within 30 days.' })
  @IsString()
  @MinLength(1)
  content: string;

  @ApiProperty({ enum: TEXT_FORMATS })
  @IsIn(TEXT_FORMATS)
  format: TextFormat;
}
