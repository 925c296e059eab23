import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IfPresent, NullableIfPresent } from '../../core/http/optional';
import type { TicketPriority, TicketStatus } from '../ticket.entity';
import { TicketField } from './ticket-fields';

/** The version column is a PostgreSQL integer. */
const MAX_VERSION = 2_147_483_647;

/** Fields left out stay as they are; `version` is the one the client read (409 if it moved on). */
export class UpdateTicketDto {
  @ApiProperty({
    type: 'integer',
    format: 'int32',
    minimum: 1,
    maximum: MAX_VERSION,
    description: 'The version you read; a stale one is refused with 409',
    example: 1,
  })
  @IsInt()
  @Min(1)
  @Max(MAX_VERSION)
  version: number;

  @IfPresent() @TicketField.subject(false) subject?: string;
  @IfPresent() @TicketField.description() description?: string;
  @IfPresent() @TicketField.status() status?: TicketStatus;
  @IfPresent() @TicketField.priority() priority?: TicketPriority;
  @NullableIfPresent() @TicketField.requesterEmail() requesterEmail?: string | null;
  @NullableIfPresent() @TicketField.assigneeId() assigneeId?: string | null;
  @IfPresent() @TicketField.tags() tags?: string[];
}
