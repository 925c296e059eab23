import { Inject, Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import { DEFAULT_AGENT } from '../agents/agent-defaults';
import { Agent } from '../agents/agent.entity';
import { actorId, type Actor } from '../auth/actor';
import { Entitlements } from '../billing/entitlements';
import { AppConfig } from '../core/config/app-config';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { NotFoundError, ValidationFailedError } from '../core/http/app-error';
import { AnswerFailedError } from './answer-failed.error';
import { relayAnswer, type RelayOutcome } from './answer-relay';
import type { ChatEvent } from './chat-event';
import { type ChatAnswerView, type SourceView, toMessageView, toSourceView } from './chat.view';
import { citedPassages } from './citations';
import { visibleConversations } from './conversation-access';
import { Conversation } from './conversation.entity';
import type { ChatRequestDto } from './dto/chat-request.dto';
import { Message } from './message.entity';
import { PASSAGE_RETRIEVER, type Passage, type PassageRetriever } from './passage-retriever';
import { buildPrompt, type HistoryMessage } from './prompt/build-prompt';
import { AnswerProviders, type ChosenProvider } from './providers/answer-providers';
import { type StreamSlot, StreamSlots } from './stream-slots';

/** Messages read back for history; the token budget then keeps the most recent that fit. */
const HISTORY_LIMIT = 40;
const TITLE_LENGTH = 80;

type AgentSettings = Pick<
  Agent,
  'systemPrompt' | 'provider' | 'model' | 'temperature' | 'maxAnswerTokens' | 'passageCount'
>;

/** A question recorded and a stream slot held; the answer comes from `events`. */
export interface OpenedAnswer {
  conversationId: string;
  events(signal: AbortSignal): AsyncGenerator<ChatEvent>;
}

interface Question {
  actor: Actor;
  conversationId: string;
  text: string;
  agent: AgentSettings;
  chosen: ChosenProvider;
  history: HistoryMessage[];
}

const titleOf = (question: string): string =>
  question.length <= TITLE_LENGTH ? question : `${question.slice(0, TITLE_LENGTH - 1).trimEnd()}…`;

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
    private readonly entitlements: Entitlements,
    @Inject(PASSAGE_RETRIEVER) private readonly retriever: PassageRetriever,
    @InjectPinoLogger('chat') private readonly logger: PinoLogger,
  ) {}

  /**
   * Checks the request and records the question. Every refusal (unknown agent or conversation,
   * too many streams) comes from here, before anything is stored or streamed.
   */
  async open(actor: Actor, input: ChatRequestDto): Promise<OpenedAnswer> {
    let slot: StreamSlot | undefined;
    try {
      const question = await this.tenant.run(actor.organizationId, async (manager) => {
        const conversation = input.conversationId
          ? await this.findConversation(manager, actor, input.conversationId)
          : null;
        const agent = conversation
          ? await this.conversationAgent(manager, actor, conversation, input.agentId)
          : await this.chosenAgent(manager, actor, input.agentId);
        const chosen = this.providers.choose(agent);
        await this.entitlements.consume(manager, actor.organizationId, 'assistantAnswers', 1);
        slot = await this.slots.acquire(actor.organizationId);
        const history = conversation ? await this.history(manager, actor, conversation.id) : [];
        const conversationId = await this.recordQuestion(manager, actor, conversation, agent, input.message);
        return { actor, conversationId, text: input.message, agent, chosen, history };
      });
      const held = slot as StreamSlot;
      return { conversationId: question.conversationId, events: (signal) => this.answer(question, held, signal) };
    } catch (error) {
      await slot?.release();
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
    const message = await this.tenant.run(actor.organizationId, (manager) =>
      manager.getRepository(Message).findOneByOrFail({ id: messageId, organizationId: actor.organizationId }),
    );
    return { conversationId: opened.conversationId, message: toMessageView(message), sources };
  }

  private async *answer(question: Question, slot: StreamSlot, signal: AbortSignal): AsyncGenerator<ChatEvent> {
    const { actor, conversationId, agent, chosen } = question;
    try {
      yield { event: 'conversation', data: { conversationId } };
      const passages = await this.retriever.retrieve(actor, question.text, agent.passageCount);
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
      const message = await this.recordAnswer(actor, conversationId, outcome, passages);
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

  private async findConversation(manager: EntityManager, actor: Actor, id: string): Promise<Conversation> {
    const conversation = await manager.getRepository(Conversation).findOneBy({ ...visibleConversations(actor), id });
    if (!conversation) throw new NotFoundError('Conversation');
    return conversation;
  }

  /** A conversation keeps its agent; naming another one is a mistake, not a switch. */
  private async conversationAgent(
    manager: EntityManager,
    actor: Actor,
    conversation: Conversation,
    agentId: string | undefined,
  ): Promise<AgentSettings> {
    if (agentId && agentId !== conversation.agentId) {
      throw new ValidationFailedError([
        { field: 'agentId', message: "agentId must be the conversation's agent, or left out" },
      ]);
    }
    return conversation.agentId
      ? await this.chosenAgent(manager, actor, conversation.agentId)
      : this.firstAgent(manager, actor);
  }

  /** The named agent of the organization (else 404), or its first agent, or the built-in default. */
  private async chosenAgent(
    manager: EntityManager,
    actor: Actor,
    agentId: string | undefined,
  ): Promise<Agent | AgentSettings> {
    if (!agentId) return this.firstAgent(manager, actor);
    const agent = await manager.getRepository(Agent).findOneBy({ id: agentId, organizationId: actor.organizationId });
    if (!agent) throw new NotFoundError('Agent');
    return agent;
  }

  private async firstAgent(manager: EntityManager, actor: Actor): Promise<Agent | AgentSettings> {
    const [first] = await manager.getRepository(Agent).find({
      where: { organizationId: actor.organizationId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 1,
    });
    return first ?? DEFAULT_AGENT;
  }

  private async history(manager: EntityManager, actor: Actor, conversationId: string): Promise<HistoryMessage[]> {
    const recent = await manager.getRepository(Message).find({
      where: { organizationId: actor.organizationId, conversationId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: HISTORY_LIMIT,
    });
    return recent.reverse().map(({ role, content }) => ({ role, content }));
  }

  /** Starts the conversation when there is none yet; returns its id. */
  private async recordQuestion(
    manager: EntityManager,
    actor: Actor,
    conversation: Conversation | null,
    agent: Agent | AgentSettings,
    text: string,
  ): Promise<string> {
    const conversations = manager.getRepository(Conversation);
    const current =
      conversation ??
      (await conversations.save(
        conversations.create({
          organizationId: actor.organizationId,
          agentId: agent instanceof Agent ? agent.id : null,
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

  private recordAnswer(
    actor: Actor,
    conversationId: string,
    outcome: RelayOutcome,
    passages: Passage[],
  ): Promise<Message> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      const messages = manager.getRepository(Message);
      const message = await messages.save(
        messages.create({
          organizationId: actor.organizationId,
          conversationId,
          role: 'assistant',
          content: outcome.text,
          citations: citedPassages(outcome.text, passages),
          finishReason: outcome.finishReason,
          inputTokens: outcome.usage?.inputTokens ?? null,
          outputTokens: outcome.usage?.outputTokens ?? null,
        }),
      );
      await manager
        .getRepository(Conversation)
        .update({ id: conversationId, organizationId: actor.organizationId }, { updatedAt: new Date() });
      return message;
    });
  }
}
