import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Agent } from '../agents/agent.entity';
import { TimestampedEntity } from '../core/database/columns';
import { OrganizationColumn } from '../core/database/organization-column';

@Entity('conversations')
@Index(['organizationId', 'updatedAt'])
@Index(['organizationId', 'createdBy', 'updatedAt'])
export class Conversation extends TimestampedEntity {
  @OrganizationColumn()
  organizationId: string;

  /** Null: the organization had no agent when it started, or the agent was deleted since. */
  @Column({ type: 'uuid', nullable: true })
  agentId: string | null;

  @ManyToOne(() => Agent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'agent_id' })
  agent?: Agent;

  /** The user or API key that started it. */
  @Column({ type: 'uuid' })
  createdBy: string;

  /** The start of the first question. */
  @Column({ type: 'varchar', length: 200 })
  title: string;
}
