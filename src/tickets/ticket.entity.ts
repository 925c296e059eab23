import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { IntegerColumn, TextColumn, TimestampColumn, UuidColumn, VarcharColumn } from '../core/database/column-kinds';
import { TimestampedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';
import { ReferenceColumn } from '../core/database/reference-column';
import { User } from '../users/user.entity';

export const TICKET_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** In rank order: sorting by priority follows this list. */
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

@Entity('tickets')
@Index(['organizationId', 'number'], { unique: true })
// The id completes the list's sort key, so a page is read straight off the index.
@Index(['organizationId', 'createdAt', 'id'])
@Index(['organizationId', 'updatedAt', 'id'])
@Index(['organizationId', 'status', 'createdAt'])
@Index(['organizationId', 'assigneeId'])
// GIN indexes (full text, tags) are created by the migration; TypeORM cannot describe them.
@Index('IDX_tickets_search', { synchronize: false })
@Index('IDX_tickets_tags', { synchronize: false })
export class Ticket extends TimestampedEntity {
  @OrganizationColumn() organizationId: string;

  /** Per-organization sequence from 1, never reused (see nextTicketNumber). */
  @IntegerColumn() number: number;

  @VarcharColumn(200) subject: string;

  @TextColumn({ default: '' }) description: string;

  /**
   * Stored, not computed per query: under row-level security PostgreSQL evaluates the search
   * condition row by row after the policy, so to_tsvector() at query time cost ~20x (bench/).
   */
  @Column({
    type: 'tsvector',
    generatedType: 'STORED',
    asExpression: `to_tsvector('english', "subject" || ' ' || "description")`,
    select: false,
    insert: false,
    update: false,
  })
  searchVector?: string;

  @VarcharColumn(16, { default: 'open' }) status: TicketStatus;

  @VarcharColumn(16, { default: 'normal' }) priority: TicketPriority;

  @VarcharColumn(254, { nullable: true }) requesterEmail: string | null;

  @ReferenceColumn(() => User, 'assignee', { nullable: true }) assigneeId: string | null;

  @TextColumn({ array: true, default: () => "'{}'" }) tags: string[];

  /** The user or API key that opened it. */
  @UuidColumn() createdBy: string;

  /** Optimistic concurrency: bumped by every update; PATCH must send the version it read. */
  @VersionColumn({ default: 1 })
  version: number;

  @TimestampColumn({ nullable: true }) resolvedAt: Date | null;

  @TimestampColumn({ nullable: true }) closedAt: Date | null;
}
