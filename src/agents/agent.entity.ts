import { Column, Entity, Index } from 'typeorm';
import { IntegerColumn, TextColumn, VarcharColumn } from '../core/database/column-kinds';
import type { AssistantProvider } from '../core/config/app-config';
import { TimestampedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';

/** An assistant persona of an organization: how it speaks, which model answers, how much it reads. */
@Entity('agents')
@Index(['organizationId', 'name'], { unique: true })
@Index(['organizationId', 'createdAt'])
export class Agent extends TimestampedEntity {
  @OrganizationColumn() organizationId: string;

  @VarcharColumn(100) name: string;

  @TextColumn() systemPrompt: string;

  /** Null: the provider the server is configured with. */
  @VarcharColumn(16, { nullable: true }) provider: AssistantProvider | null;

  /** Null: the configured default model of the provider. */
  @VarcharColumn(100, { nullable: true }) model: string | null;

  @Column({ type: 'real' })
  temperature: number;

  @IntegerColumn() maxAnswerTokens: number;

  /** How many knowledge-base passages are retrieved for each question. */
  @IntegerColumn() passageCount: number;
}
