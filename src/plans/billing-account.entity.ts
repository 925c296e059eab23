import { CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import { BooleanColumn, TimestampColumn, VarcharColumn } from '../core/database/column-kinds';
import { OrganizationColumn } from '../core/database/organization-column';
import type { PaidPlan } from './plans';
import type { SubscriptionStatus } from './subscription-status';

/**
 * An organization's subscription as Stripe last told it. No row: the organization is on free
 * and has never been to checkout.
 */
@Entity('billing_accounts')
export class BillingAccount {
  @OrganizationColumn({ primary: true, oneToOne: true }) organizationId: string;

  /** The subscribed plan; `null` without a subscription. What applies is decided by `effectivePlan`. */
  @VarcharColumn(16, { nullable: true }) plan: PaidPlan | null;

  @VarcharColumn(16, { nullable: true }) status: SubscriptionStatus | null;

  @Index({ unique: true })
  @VarcharColumn(255, { nullable: true })
  stripeCustomerId: string | null;

  @VarcharColumn(255, { nullable: true }) stripeSubscriptionId: string | null;

  @TimestampColumn({ nullable: true }) currentPeriodStart: Date | null;

  @TimestampColumn({ nullable: true }) currentPeriodEnd: Date | null;

  @BooleanColumn({ default: false }) cancelAtPeriodEnd: boolean;

  /** When the subscription was first seen past due; the grace period counts from here. */
  @TimestampColumn({ nullable: true }) pastDueSince: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
