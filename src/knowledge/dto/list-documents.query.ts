import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PaginationQuery } from '../../core/http/pagination.dto';
import { DOCUMENT_STATUSES, type DocumentStatus } from '../model/document-format';

export class ListDocumentsQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: DOCUMENT_STATUSES })
  @IsOptional()
  @IsIn(DOCUMENT_STATUSES)
  status?: DocumentStatus;

  @ApiPropertyOptional({ description: 'Words of the title; tolerates typos', minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  search?: string;
}
