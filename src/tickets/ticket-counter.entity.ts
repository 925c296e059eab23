import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';

/** The last ticket number handed out per organization. */
@Entity('ticket_counters')
export class TicketCounter {
  @PrimaryColumn('uuid')
  organizationId: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'integer' })
  lastNumber: number;
}
