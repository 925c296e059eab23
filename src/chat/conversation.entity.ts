import { Entity, Index } from 'typeorm';
import { UuidColumn, VarcharColumn } from '../core/database/column-kinds';
import { ReferenceColumn } from '../core/database/reference-column';
import { Agent } from '../agents/agent.entity';
import { TimestampedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';

@Entity('conversations')
@Index(['organizationId', 'updatedAt'])
@Index(['organizationId', 'createdBy', 'updatedAt'])
export class Conversation extends TimestampedEntity {
  @OrganizationColumn() organizationId: string;

  /** Null: the organization had no agent when it started, or the agent was deleted since. */
  @ReferenceColumn(() => Agent, 'agent', { nullable: true }) agentId: string | null;

  /** The user or API key that started it. */
  @UuidColumn() createdBy: string;

  /** The start of the first question. */
  @VarcharColumn(200) title: string;
}
