import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OrganizationColumn } from '../../core/database/organization-column';

/** Embedding tokens an organization has spent, per model and calendar month (UTC), for plan limits. */
@Entity('embedding_usage')
export class EmbeddingUsage {
  @OrganizationColumn({ primary: true }) organizationId: string;

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
