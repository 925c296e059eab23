import { Column, Entity, Index } from 'typeorm';
import { IntegerColumn, TextColumn, VarcharColumn } from '../core/database/column-kinds';
import { ReferenceColumn } from '../core/database/reference-column';
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
  @OrganizationColumn() organizationId: string;

  @ReferenceColumn(() => Conversation, 'conversation') conversationId: string;

  @VarcharColumn(16) role: MessageRole;

  @TextColumn() content: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  citations: Citation[];

  /** Set on assistant messages only. */
  @VarcharColumn(16, { nullable: true }) finishReason: FinishReason | null;

  /** Set when the provider reports usage. */
  @IntegerColumn({ nullable: true }) inputTokens: number | null;

  @IntegerColumn({ nullable: true }) outputTokens: number | null;
}
