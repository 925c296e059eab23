import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  OneToOne,
  PrimaryColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Organization } from '../organizations/organization.entity';
import type { PaidPlan } from './plans';
import type { SubscriptionStatus } from './subscription-status';

/**
 * An organization's subscription as Stripe last told it. No row: the organization is on free
 * and has never been to checkout.
 */
@Entity('billing_accounts')
export class BillingAccount {
  @PrimaryColumn('uuid')
  organizationId: string;

  @OneToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** The subscribed plan; `null` without a subscription. What applies is decided by `effectivePlan`. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  plan: PaidPlan | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  status: SubscriptionStatus | null;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 255, nullable: true })
  stripeCustomerId: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  stripeSubscriptionId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  currentPeriodStart: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  currentPeriodEnd: Date | null;

  @Column({ type: 'boolean', default: false })
  cancelAtPeriodEnd: boolean;

  /** When the subscription was first seen past due; the grace period counts from here. */
  @Column({ type: 'timestamptz', nullable: true })
  pastDueSince: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
