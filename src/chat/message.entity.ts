import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { CreatedEntity } from '../core/database/columns';
import { Conversation } from './conversation.entity';
import { OrganizationColumn } from '../core/database/organization-column';

export const MESSAGE_ROLES = ['user', 'assistant'] as const;
export type MessageRole = (typeof MESSAGE_ROLES)[number];

/** How an answer ended: complete, cut by its token limit, cut by the client leaving, or failed. */
export const FINISH_REASONS = ['stop', 'length', 'aborted', 'error'] as const;
export type FinishReason = (typeof FINISH_REASONS)[number];

/** A passage the answer cites as `[number]`. */
export interface Citation {
  number: number;
  chunkId: string;
  documentId: string;
  documentTitle: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

@Entity('messages')
@Index(['organizationId', 'conversationId', 'createdAt'])
export class Message extends CreatedEntity {
  @OrganizationColumn()
  organizationId: string;

  @Column({ type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => Conversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id' })
  conversation?: Conversation;

  @Column({ type: 'varchar', length: 16 })
  role: MessageRole;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  citations: Citation[];

  /** Set on assistant messages only. */
  @Column({ type: 'varchar', length: 16, nullable: true })
  finishReason: FinishReason | null;

  /** Set when the provider reports usage. */
  @Column({ type: 'integer', nullable: true })
  inputTokens: number | null;

  @Column({ type: 'integer', nullable: true })
  outputTokens: number | null;
}
