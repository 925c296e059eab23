import { ApiProperty } from '@nestjs/swagger';
import {
  type Citation,
  FINISH_REASONS,
  type FinishReason,
  MESSAGE_ROLES,
  type Message,
  type MessageRole,
} from './message.entity';
import type { Conversation } from './conversation.entity';
import { type Passage, SNIPPET_DESCRIPTION } from './passage-retriever';

export class CitationView {
  @ApiProperty({ example: 1, description: 'The [n] marker in the answer' }) number: number;
  @ApiProperty({ format: 'uuid' }) chunkId: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty() documentTitle: string;
}

export class UsageView {
  @ApiProperty() inputTokens: number;
  @ApiProperty() outputTokens: number;
}

export class MessageView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: MESSAGE_ROLES }) role: MessageRole;
  @ApiProperty() content: string;
  @ApiProperty({ type: [CitationView] }) citations: Citation[];
  @ApiProperty({ enum: FINISH_REASONS, nullable: true, description: 'Assistant messages only' })
  finishReason: FinishReason | null;
  @ApiProperty({ type: UsageView, nullable: true }) usage: UsageView | null;
  @ApiProperty() createdAt: string;
}

export class ConversationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) agentId: string | null;
  @ApiProperty() title: string;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ConversationWithMessagesView extends ConversationView {
  @ApiProperty({ type: [MessageView] }) messages: MessageView[];
}

/** A retrieved passage as a client sees it: enough to show and link it, not its whole text. */
export class SourceView {
  @ApiProperty({ format: 'uuid' }) chunkId: string;
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty() documentTitle: string;
  @ApiProperty({ type: [String] }) headingPath: string[];
  @ApiProperty({ description: SNIPPET_DESCRIPTION }) snippet: string;
  @ApiProperty() score: number;
}

export class ChatAnswerView {
  @ApiProperty({ format: 'uuid' }) conversationId: string;
  @ApiProperty({ type: MessageView }) message: MessageView;
  @ApiProperty({ type: [SourceView] }) sources: SourceView[];
}

export const toMessageView = (message: Message): MessageView => ({
  id: message.id,
  role: message.role,
  content: message.content,
  citations: message.citations,
  finishReason: message.finishReason,
  usage:
    message.inputTokens === null || message.outputTokens === null
      ? null
      : { inputTokens: message.inputTokens, outputTokens: message.outputTokens },
  createdAt: message.createdAt.toISOString(),
});

export const toConversationView = (conversation: Conversation): ConversationView => ({
  id: conversation.id,
  agentId: conversation.agentId,
  title: conversation.title,
  createdBy: conversation.createdBy,
  createdAt: conversation.createdAt.toISOString(),
  updatedAt: conversation.updatedAt.toISOString(),
});

export const toSourceView = ({
  chunkId,
  documentId,
  documentTitle,
  headingPath,
  snippet,
  score,
}: Passage): SourceView => ({
  chunkId,
  documentId,
  documentTitle,
  headingPath,
  snippet,
  score,
});
