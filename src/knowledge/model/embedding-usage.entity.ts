import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Embedding tokens an organization has spent, per model and calendar month (UTC), for plan limits. */
@Entity('embedding_usage')
export class EmbeddingUsage {
  /** Part of the key, so OrganizationColumn (a plain column) does not fit; same foreign key. */
  @PrimaryColumn('uuid')
  organizationId: string;

  @ManyToOne('organizations', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: unknown;

  /** First day of the month, UTC. */
  @PrimaryColumn({ type: 'date' })
  period: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  model: string;

  @Column({ type: 'bigint', default: 0 })
  tokens: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
