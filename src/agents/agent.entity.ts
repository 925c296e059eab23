import { Column, Entity, Index } from 'typeorm';
import type { AssistantProvider } from '../core/config/app-config';
import { TimestampedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';

/** An assistant persona of an organization: how it speaks, which model answers, how much it reads. */
@Entity('agents')
@Index(['organizationId', 'name'], { unique: true })
@Index(['organizationId', 'createdAt'])
export class Agent extends TimestampedEntity {
  @OrganizationColumn()
  organizationId: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text' })
  systemPrompt: string;

  /** Null: the provider the server is configured with. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  provider: AssistantProvider | null;

  /** Null: the configured default model of the provider. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  model: string | null;

  @Column({ type: 'real' })
  temperature: number;

  @Column({ type: 'integer' })
  maxAnswerTokens: number;

  /** How many knowledge-base passages are retrieved for each question. */
  @Column({ type: 'integer' })
  passageCount: number;
}
