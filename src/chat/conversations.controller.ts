import { Controller, Delete, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { ApiDataResponse, ApiErrorResponses, ApiMessageResponse, ApiPaginatedResponse } from '../core/http/api-docs';
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

  @Get()
  @ApiOperation({ summary: 'Your conversations (admins: all of the organization), most recent first' })
  @ApiPaginatedResponse(ConversationView)
  @ApiErrorResponses(422)
  list(@CurrentActor() actor: Actor, @Query() page: PaginationQuery): Promise<PaginatedResponse<ConversationView>> {
    return this.conversations.list(actor, page);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A conversation with its messages, oldest first' })
  @ApiDataResponse(ConversationWithMessagesView)
  @ApiErrorResponses(404, 422)
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<ConversationWithMessagesView> {
    return this.conversations.get(actor, id);
  }

  @Delete(':id')
  @ApiMessageResponse()
  @ApiErrorResponses(404, 422)
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MessageResponse> {
    await this.conversations.remove(actor, id);
    return new MessageResponse('Conversation deleted');
  }
}
