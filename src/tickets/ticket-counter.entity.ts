import { Entity } from 'typeorm';
import { IntegerColumn } from '../core/database/column-kinds';
import { OrganizationColumn } from '../core/database/organization-column';

/** The last ticket number handed out per organization. */
@Entity('ticket_counters')
export class TicketCounter {
  @OrganizationColumn({ primary: true, oneToOne: true }) organizationId: string;

  @IntegerColumn() lastNumber: number;
}
