import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { Actor } from '../auth/actor';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { NotFoundError } from '../core/http/app-error';
import type { PaginationQuery } from '../core/http/pagination.dto';
import { PaginatedResponse } from '../core/http/responses';
import {
  type ConversationView,
  type ConversationWithMessagesView,
  toConversationView,
  toMessageView,
} from './chat.view';
import { visibleConversations } from './conversation-access';
import { Conversation } from './conversation.entity';
import { Message } from './message.entity';

/** Reading and deleting conversations, within what the actor may see (see visibleConversations). */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly tenant: TenantTransaction,
    @InjectPinoLogger('chat') private readonly logger: PinoLogger,
  ) {}

  list(actor: Actor, page: PaginationQuery): Promise<PaginatedResponse<ConversationView>> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      const [conversations, total] = await manager.getRepository(Conversation).findAndCount({
        where: visibleConversations(actor),
        order: { updatedAt: 'DESC', id: 'DESC' },
        skip: page.skip,
        take: page.limit,
      });
      return new PaginatedResponse(conversations.map(toConversationView), total, page.skip, page.limit);
    });
  }

  get(actor: Actor, id: string): Promise<ConversationWithMessagesView> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      const conversation = await manager.getRepository(Conversation).findOneBy({ ...visibleConversations(actor), id });
      if (!conversation) throw new NotFoundError('Conversation');
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
      const { affected } = await manager.getRepository(Conversation).delete({ ...visibleConversations(actor), id });
      if (!affected) throw new NotFoundError('Conversation');
      this.logger.info({ conversationId: id }, 'conversation.deleted');
    });
  }
}
