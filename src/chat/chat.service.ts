import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import type { AnsweringAgent } from '../agents/agent-defaults';
import { AgentsService } from '../agents/agents.service';
import type { Actor } from '../access/actor';
import { Entitlements } from '../plans/entitlements';
import { AppConfig } from '../core/config/app-config';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ValidationFailedError } from '../core/http/app-error';
import { AnswerFailedError } from './answer-failed.error';
import { relayAnswer } from './answer-relay';
import type { ChatEvent } from './chat-event';
import { type ChatAnswerView, type SourceView, toMessageView, toSourceView } from './chat.view';
import { citedPassages } from './citations';
import type { Conversation } from './conversation.entity';
import { ConversationsService } from './conversations.service';
import type { ChatRequestDto } from './dto/chat-request.dto';
import { PASSAGE_RETRIEVER, type PassageRetriever } from '../knowledge/passage-retriever';
import { buildPrompt, type HistoryMessage } from './prompt/build-prompt';
import { AnswerProviders, type ChosenProvider } from './providers/answer-providers';
import { QueryRephraser } from './query-rephraser';
import { type StreamSlot, StreamSlots } from './stream-slots';

/** A question recorded and a stream slot held; the answer comes from `events`. */
export interface OpenedAnswer {
  conversationId: string;
  events(signal: AbortSignal): AsyncGenerator<ChatEvent>;
}

interface Question {
  actor: Actor;
  conversationId: string;
  text: string;
  agent: AnsweringAgent;
  chosen: ChosenProvider;
  history: HistoryMessage[];
}

/**
 * Answers questions: records the question in its conversation, retrieves passages of the
 * actor's organization, streams a provider's answer and records it, however it ends.
 */
@Injectable()
export class ChatService {
  constructor(
    private readonly tenant: TenantTransaction,
    private readonly config: AppConfig,
    private readonly slots: StreamSlots,
    private readonly providers: AnswerProviders,
    private readonly agents: AgentsService,
    private readonly conversations: ConversationsService,
    private readonly entitlements: Entitlements,
    private readonly rephraser: QueryRephraser,
    @Inject(PASSAGE_RETRIEVER) private readonly retriever: PassageRetriever,
    @InjectPinoLogger('chat') private readonly logger: PinoLogger,
  ) {}

  /**
   * Checks the request and records the question. Every refusal (too many streams, unknown agent
   * or conversation) comes from here, before anything is stored or streamed. The stream slot is
   * leased first, outside the transaction, so no connection is held while Redis answers.
   */
  async open(actor: Actor, input: ChatRequestDto): Promise<OpenedAnswer> {
    const slot = await this.slots.acquire(actor.organizationId);
    try {
      const question = await this.tenant.run(actor.organizationId, (manager) => this.record(manager, actor, input));
      return { conversationId: question.conversationId, events: (signal) => this.answer(question, slot, signal) };
    } catch (error) {
      await slot.release();
      throw error;
    }
  }

  /** The whole answer at once, for clients that cannot read a stream. */
  async answerWhole(actor: Actor, input: ChatRequestDto): Promise<ChatAnswerView> {
    const opened = await this.open(actor, input);
    let sources: SourceView[] = [];
    let messageId: string | undefined;
    for await (const event of opened.events(new AbortController().signal)) {
      if (event.event === 'sources') sources = event.data.sources;
      else if (event.event === 'error') throw new AnswerFailedError(event.data.code);
      else if (event.event === 'done') messageId = event.data.messageId;
    }
    const message = await this.conversations.message(actor, messageId as string);
    return { conversationId: opened.conversationId, message: toMessageView(message), sources };
  }

  private async *answer(question: Question, slot: StreamSlot, signal: AbortSignal): AsyncGenerator<ChatEvent> {
    const { actor, conversationId, agent, chosen } = question;
    try {
      slot.keepAlive();
      yield { event: 'conversation', data: { conversationId } };
      const rephrasings = await this.rephraser.rephrase(chosen, question.text, signal);
      const passages = await this.retriever.retrieve(actor, question.text, agent.passageCount, rephrasings);
      yield { event: 'sources', data: { sources: passages.map(toSourceView) } };
      const prompt = buildPrompt({
        systemPrompt: agent.systemPrompt,
        passages,
        history: question.history,
        question: question.text,
        historyTokenBudget: this.config.ASSISTANT_HISTORY_TOKEN_BUDGET,
      });
      const request = {
        prompt,
        question: question.text,
        passages,
        model: chosen.model,
        temperature: agent.temperature,
        maxTokens: agent.maxAnswerTokens,
      };
      const outcome = yield* relayAnswer(chosen.provider, request, signal, this.config.ASSISTANT_PROVIDER_TIMEOUT_MS);
      const message = await this.conversations.recordAnswer(actor, conversationId, {
        content: outcome.text,
        citations: citedPassages(outcome.text, passages),
        finishReason: outcome.finishReason,
        usage: outcome.usage,
      });
      const logged = {
        conversationId,
        messageId: message.id,
        provider: chosen.name,
        finishReason: outcome.finishReason,
      };
      if (outcome.failure) {
        this.logger.warn({ ...logged, failure: outcome.failure.code }, 'chat.provider_failed');
        yield { event: 'error', data: { code: outcome.failure.code, message: outcome.failure.message } };
      } else {
        this.logger.info({ ...logged, outputTokens: outcome.usage?.outputTokens }, 'chat.answered');
        yield {
          event: 'done',
          data: { messageId: message.id, finishReason: outcome.finishReason, usage: outcome.usage },
        };
      }
    } finally {
      await slot.release();
    }
  }

  private async record(manager: EntityManager, actor: Actor, input: ChatRequestDto): Promise<Question> {
    const conversation = input.conversationId
      ? await this.conversations.findVisible(manager, actor, input.conversationId)
      : null;
    const agent = await this.agents.answering(manager, actor, this.agentOf(conversation, input.agentId));
    const chosen = this.providers.choose(agent);
    await this.entitlements.consume(manager, actor.organizationId, 'assistantAnswers', 1);
    const history = conversation ? await this.conversations.history(manager, actor, conversation.id) : [];
    const conversationId = await this.conversations.recordQuestion(
      manager,
      actor,
      conversation,
      agent.id,
      input.message,
    );
    return { actor, conversationId, text: input.message, agent, chosen, history };
  }

  /** A conversation keeps its agent; naming another one is a mistake, not a switch. */
  private agentOf(conversation: Conversation | null, agentId: string | undefined): string | null | undefined {
    if (!conversation) return agentId;
    if (agentId && agentId !== conversation.agentId) {
      throw new ValidationFailedError([
        { field: 'agentId', message: "agentId must be the conversation's agent, or left out" },
      ]);
    }
    return conversation.agentId;
  }
}
