import { ApiProperty } from '@nestjs/swagger';
import {
  ApiInteger,
  ApiNullableEnum,
  ApiNullableModel,
  ApiText,
  ApiTimestamp,
  ApiUuid,
  INT32_MAX,
} from '../core/http/api-properties';
import { ApiHeadingPath, SNIPPET_MAX } from '../knowledge/knowledge-bounds';
import { MAX_TITLE_LENGTH } from '../knowledge/model/document-title';
import { MAX_PASSAGES } from '../agents/dto/agent-fields';
import {
  type Citation,
  FINISH_REASONS,
  type FinishReason,
  MESSAGE_ROLES,
  type Message,
  type MessageRole,
} from './message.entity';
import type { Conversation } from './conversation.entity';
import { MAX_QUOTED_CHUNKS, type Passage, SNIPPET_DESCRIPTION } from '../knowledge/passage-retriever';

/** What a conversation view documents: a question, or an answer of at most 8k tokens. */
const MESSAGE_CONTENT_MAX = 100_000;
const CONVERSATION_TITLE_MAX = 80; // titleOf in chat.service
/** A documented bound only: a conversation is still returned whole. */
const MAX_CONVERSATION_MESSAGES = 10_000;

export class CitationView {
  @ApiInteger(1, MAX_PASSAGES, { example: 1, description: 'The [n] marker in the answer' }) number: number;
  @ApiUuid() chunkId: string;
  @ApiUuid() documentId: string;
  @ApiText(MAX_TITLE_LENGTH, { example: 'Refund policy' }) documentTitle: string;
}

export class UsageView {
  @ApiInteger(0, INT32_MAX) inputTokens: number;
  @ApiInteger(0, INT32_MAX) outputTokens: number;
}

export class MessageView {
  @ApiUuid() id: string;
  @ApiProperty({ enum: MESSAGE_ROLES }) role: MessageRole;
  @ApiText(MESSAGE_CONTENT_MAX) content: string;
  @ApiProperty({ type: [CitationView], maxItems: MAX_PASSAGES }) citations: Citation[];
  @ApiNullableEnum(FINISH_REASONS, { description: 'Assistant messages only' })
  finishReason: FinishReason | null;
  @ApiNullableModel(UsageView) usage: UsageView | null;
  @ApiTimestamp() createdAt: string;
}

export class ConversationView {
  @ApiUuid() id: string;
  @ApiUuid({ nullable: true }) agentId: string | null;
  @ApiText(CONVERSATION_TITLE_MAX) title: string;
  @ApiUuid() createdBy: string;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

export class ConversationWithMessagesView extends ConversationView {
  @ApiProperty({ type: [MessageView], maxItems: MAX_CONVERSATION_MESSAGES }) messages: MessageView[];
}

/** A retrieved passage as a client sees it: enough to show and link it, not its whole text. */
export class SourceView {
  @ApiUuid({ description: 'The best-matching chunk the source quotes' }) chunkId: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'string', format: 'uuid', maxLength: 36 },
    minItems: 1,
    maxItems: MAX_QUOTED_CHUNKS,
    description: 'Every chunk of the document the source quotes to the assistant, chunkId first',
  })
  chunkIds: string[];
  @ApiUuid() documentId: string;
  @ApiText(MAX_TITLE_LENGTH, { example: 'Refund policy' }) documentTitle: string;
  @ApiHeadingPath() headingPath: string[];
  @ApiText(SNIPPET_MAX, { description: SNIPPET_DESCRIPTION }) snippet: string;
  @ApiProperty({ minimum: 0, maximum: 1_000_000, description: 'Relevance; higher is better' }) score: number;
}

export class ChatAnswerView {
  @ApiUuid() conversationId: string;
  @ApiProperty({ type: MessageView }) message: MessageView;
  @ApiProperty({ type: [SourceView], maxItems: MAX_PASSAGES }) sources: SourceView[];
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

/** What a client sees of a passage: all of it but its text, which went to the model only. */
export const toSourceView = (passage: Passage): SourceView => ({
  chunkId: passage.chunkId,
  chunkIds: passage.quotedChunkIds ?? [passage.chunkId],
  documentId: passage.documentId,
  documentTitle: passage.documentTitle,
  headingPath: passage.headingPath,
  snippet: passage.snippet,
  score: passage.score,
});
