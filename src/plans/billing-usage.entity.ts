import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrganizationColumn } from '../core/database/organization-column';
import type { MonthlyEntitlement } from './plans';

/** How much of a monthly entitlement an organization used in one calendar month (UTC). */
@Entity('billing_usage')
export class BillingUsage {
  @OrganizationColumn({ primary: true }) organizationId: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  entitlement: MonthlyEntitlement;

  /** First day of the month, UTC. */
  @PrimaryColumn({ type: 'date' })
  periodStart: string;

  @Column({ type: 'bigint', transformer: { to: (value: number) => value, from: (value: string) => Number(value) } })
  used: number;
}
