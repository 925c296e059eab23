import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { TAG_MAX } from './ticket-fields';
import { Transform, Type } from 'class-transformer';
import { IsDate, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PaginationQuery } from '../../core/http/pagination.dto';
import { TrimLowercase } from '../../core/http/trim';
import { TICKET_PRIORITIES, TICKET_STATUSES, type TicketPriority, type TicketStatus } from '../ticket.entity';

export const TICKET_SORTS = ['created', 'updated', 'priority', 'number'] as const;
export type TicketSort = (typeof TICKET_SORTS)[number];

/** `?status=open&status=pending` and `?status=open,pending` both mean "open or pending". */
const toList = ({ value }: { value: unknown }): unknown =>
  (Array.isArray(value) ? value : [value]).flatMap((item: unknown) =>
    typeof item === 'string'
      ? item
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : [item],
  );

/** One end of a time range filter: an optional ISO 8601 instant. */
const DateBound = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date-time', maxLength: 30 }),
    IsOptional(),
    Type(() => Date),
    IsDate(),
  );

const UUID_OR_KEYWORD = /^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export class ListTicketsQuery extends PaginationQuery {
  @ApiPropertyOptional({
    enum: TICKET_STATUSES,
    isArray: true,
    maxItems: TICKET_STATUSES.length,
    description: 'One or several (repeat or comma-separate)',
  })
  @IsOptional()
  @Transform(toList)
  @IsIn(TICKET_STATUSES, { each: true })
  status?: TicketStatus[];

  @ApiPropertyOptional({ enum: TICKET_PRIORITIES, isArray: true, maxItems: TICKET_PRIORITIES.length })
  @IsOptional()
  @Transform(toList)
  @IsIn(TICKET_PRIORITIES, { each: true })
  priority?: TicketPriority[];

  @ApiPropertyOptional({
    description: 'A user id, `me`, or `none` for unassigned tickets',
    maxLength: 36,
    pattern: UUID_OR_KEYWORD.source,
  })
  @IsOptional()
  @Matches(UUID_OR_KEYWORD, { message: 'assignee must be a user id, me or none' })
  assignee?: string;

  @ApiPropertyOptional({ description: 'Tickets carrying this tag', minLength: 1, maxLength: TAG_MAX })
  @IsOptional()
  @TrimLowercase()
  @IsString()
  @Length(1, TAG_MAX)
  tag?: string;

  @ApiPropertyOptional({
    description: 'Full-text search over subject and description (web search syntax)',
    minLength: 1,
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;

  @DateBound()
  createdFrom?: Date;

  @DateBound()
  createdTo?: Date;

  @DateBound()
  updatedFrom?: Date;

  @DateBound()
  updatedTo?: Date;

  @ApiPropertyOptional({ enum: TICKET_SORTS, default: 'created' })
  @IsOptional()
  @IsIn(TICKET_SORTS)
  sort: TicketSort = 'created';

  @ApiPropertyOptional({ enum: ['asc', 'desc'], default: 'desc' })
  @IsOptional()
  @IsIn(['asc', 'desc'])
  direction: 'asc' | 'desc' = 'desc';
}
