import type Stripe from 'stripe';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { IntegerColumn, TimestampColumn, VarcharColumn } from '../../core/database/column-kinds';

export const EVENT_OUTCOMES = ['applied', 'ignored'] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

/**
 * A verified Stripe event, stored once by its id before it is acknowledged; its job applies it
 * and sets `processedAt`, which is what makes a second delivery a no-op. Not tenant data: the
 * organization is only known once the event is read (no organization_id, no tenant policy;
 * no request of a tenant ever reads it).
 */
@Entity('billing_events')
export class BillingEvent {
  /** Stripe's event id (`evt_...`). */
  @PrimaryColumn({ type: 'varchar', length: 255 })
  id: string;

  @VarcharColumn(100) type: string;

  /** When Stripe created the event. */
  @TimestampColumn() createdAt: Date;

  @TimestampColumn({ default: () => 'now()' }) receivedAt: Date;

  /** The event as Stripe sent it (verified), read back by the job. */
  @Column({ type: 'jsonb' })
  payload: Stripe.Event;

  @TimestampColumn({ nullable: true }) processedAt: Date | null;

  @VarcharColumn(16, { nullable: true }) outcome: EventOutcome | null;

  /** Attempts that failed, and the last failure's code (never the payload or a provider message). */
  @IntegerColumn({ default: 0 }) failures: number;

  @VarcharColumn(64, { nullable: true }) lastError: string | null;
}
