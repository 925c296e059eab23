import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import type { MonthlyEntitlement } from './plans';

/** How much of a monthly entitlement an organization used in one calendar month (UTC). */
@Entity('billing_usage')
export class BillingUsage {
  @PrimaryColumn('uuid')
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  entitlement: MonthlyEntitlement;

  /** First day of the month, UTC. */
  @PrimaryColumn({ type: 'date' })
  periodStart: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  used: number;
}
