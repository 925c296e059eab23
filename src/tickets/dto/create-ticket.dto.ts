import { IsOptional } from 'class-validator';
import { NullableIfPresent } from '../../core/http/optional';
import type { TicketPriority, TicketStatus } from '../ticket.entity';
import { TicketField } from './ticket-fields';

export class CreateTicketDto {
  @TicketField.subject(true) subject: string;
  @IsOptional() @TicketField.description() description?: string;
  @IsOptional() @TicketField.status() status?: TicketStatus;
  @IsOptional() @TicketField.priority() priority?: TicketPriority;
  @NullableIfPresent() @TicketField.requesterEmail() requesterEmail?: string | null;
  @NullableIfPresent() @TicketField.assigneeId() assigneeId?: string | null;
  @IsOptional() @TicketField.tags() tags?: string[];
}
