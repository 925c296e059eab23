import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import { actorId, type Actor } from '../access/actor';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { deleteOr404, findOr404 } from '../core/database/find-or-404';
import { findPage } from '../core/database/paginate';
import type { PaginationQuery } from '../core/http/pagination.dto';
import type { PaginatedResponse } from '../core/http/responses';
import {
  type ConversationView,
  type ConversationWithMessagesView,
  toConversationView,
  toMessageView,
} from './chat.view';
import { visibleConversations } from './conversation-access';
import { Conversation } from './conversation.entity';
import { type Citation, type FinishReason, Message, type TokenUsage } from './message.entity';
import type { HistoryMessage } from './prompt/build-prompt';

/** Messages read back for history; the token budget then keeps the most recent that fit. */
const HISTORY_LIMIT = 40;
const TITLE_LENGTH = 80;

const titleOf = (question: string): string =>
  question.length <= TITLE_LENGTH ? question : `${question.slice(0, TITLE_LENGTH - 1).trimEnd()}…`;

/** An answer as it ended, to be recorded. */
export interface RecordedAnswer {
  content: string;
  citations: Citation[];
  finishReason: FinishReason;
  usage: TokenUsage | null;
}

/**
 * Conversations and their messages: reading, deleting and recording questions and answers,
 * within what the actor may see (see visibleConversations).
 */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly tenant: TenantTransaction,
    @InjectPinoLogger('chat') private readonly logger: PinoLogger,
  ) {}

  list(actor: Actor, page: PaginationQuery): Promise<PaginatedResponse<ConversationView>> {
    return this.tenant.run(actor.organizationId, (manager) =>
      findPage(
        manager.getRepository(Conversation),
        { where: visibleConversations(actor), order: { updatedAt: 'DESC', id: 'DESC' } },
        page,
        toConversationView,
      ),
    );
  }

  get(actor: Actor, id: string): Promise<ConversationWithMessagesView> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      const conversation = await this.findVisible(manager, actor, id);
      const messages = await manager.getRepository(Message).find({
        where: { organizationId: actor.organizationId, conversationId: id },
        order: { createdAt: 'ASC', id: 'ASC' },
      });
      return { ...toConversationView(conversation), messages: messages.map(toMessageView) };
    });
  }

  /** Its messages go with it. */
  remove(actor: Actor, id: string): Promise<void> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      await deleteOr404(manager.getRepository(Conversation), { ...visibleConversations(actor), id }, 'Conversation');
      this.logger.info({ conversationId: id }, 'conversation.deleted');
    });
  }

  /** A conversation the actor may continue, read in the caller's tenant transaction; else 404. */
  findVisible(manager: EntityManager, actor: Actor, id: string): Promise<Conversation> {
    return findOr404(manager.getRepository(Conversation), { ...visibleConversations(actor), id }, 'Conversation');
  }

  async history(manager: EntityManager, actor: Actor, conversationId: string): Promise<HistoryMessage[]> {
    const recent = await manager.getRepository(Message).find({
      where: { organizationId: actor.organizationId, conversationId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: HISTORY_LIMIT,
    });
    return recent.reverse().map(({ role, content }) => ({ role, content }));
  }

  /** Records the question, starting the conversation (with `agentId`) when there is none yet; returns its id. */
  async recordQuestion(
    manager: EntityManager,
    actor: Actor,
    conversation: Conversation | null,
    agentId: string | null,
    text: string,
  ): Promise<string> {
    const conversations = manager.getRepository(Conversation);
    const current =
      conversation ??
      (await conversations.save(
        conversations.create({
          organizationId: actor.organizationId,
          agentId,
          createdBy: actorId(actor),
          title: titleOf(text),
        }),
      ));
    if (conversation)
      await conversations.update(
        { id: conversation.id, organizationId: actor.organizationId },
        { updatedAt: new Date() },
      );
    const messages = manager.getRepository(Message);
    await messages.save(
      messages.create({
        organizationId: actor.organizationId,
        conversationId: current.id,
        role: 'user',
        content: text,
        citations: [],
        finishReason: null,
        inputTokens: null,
        outputTokens: null,
      }),
    );
    return current.id;
  }

  recordAnswer(actor: Actor, conversationId: string, answer: RecordedAnswer): Promise<Message> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      const messages = manager.getRepository(Message);
      const message = await messages.save(
        messages.create({
          organizationId: actor.organizationId,
          conversationId,
          role: 'assistant',
          content: answer.content,
          citations: answer.citations,
          finishReason: answer.finishReason,
          inputTokens: answer.usage?.inputTokens ?? null,
          outputTokens: answer.usage?.outputTokens ?? null,
        }),
      );
      await manager
        .getRepository(Conversation)
        .update({ id: conversationId, organizationId: actor.organizationId }, { updatedAt: new Date() });
      return message;
    });
  }

  message(actor: Actor, id: string): Promise<Message> {
    return this.tenant.run(actor.organizationId, (manager) =>
      manager.getRepository(Message).findOneByOrFail({ id, organizationId: actor.organizationId }),
    );
  }
}
