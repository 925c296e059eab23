import { Controller, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { ApiErrorResponses } from '../core/http/api-docs';
import { ListRoute, ReadRoute, DeleteRoute } from '../core/http/routes';
import { PaginationQuery } from '../core/http/pagination.dto';
import { MessageResponse, type PaginatedResponse } from '../core/http/responses';
import { UuidParam } from '../core/http/uuid-param';
import { ConversationView, ConversationWithMessagesView } from './chat.view';
import { ConversationsService } from './conversations.service';

@ApiTags('assistant')
@ApiErrorResponses(401)
@Controller('conversations')
export class ConversationsController {
  constructor(private readonly conversations: ConversationsService) {}

  @ListRoute(ConversationView, {
    summary: 'Your conversations (admins: all of the organization), most recent first',
    errors: [422],
  })
  list(@CurrentActor() actor: Actor, @Query() page: PaginationQuery): Promise<PaginatedResponse<ConversationView>> {
    return this.conversations.list(actor, page);
  }

  @ReadRoute(ConversationWithMessagesView, {
    summary: 'A conversation with its messages, oldest first',
    errors: [404, 422],
  })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ConversationWithMessagesView> {
    return this.conversations.get(actor, id);
  }

  @DeleteRoute({ errors: [404, 422] })
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MessageResponse> {
    await this.conversations.remove(actor, id);
    return new MessageResponse('Conversation deleted');
  }
}
