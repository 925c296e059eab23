import { Body, Patch, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { Roles } from '../access/roles.decorator';
import { ApiDataResponse, ApiErrorResponses } from '../core/http/api-docs';
import { ListRoute, ReadRoute, DeleteRoute } from '../core/http/routes';
import { ClosedController } from '../core/http/closed-controller';
import { PaginationQuery } from '../core/http/pagination.dto';
import { MessageResponse, type PaginatedResponse } from '../core/http/responses';
import { UuidParam } from '../core/http/uuid-param';
import { CreateCommentDto } from './dto/create-comment.dto';
import { CreateTicketDto } from './dto/create-ticket.dto';
import { ListTicketsQuery } from './dto/list-tickets.query';
import { UpdateTicketDto } from './dto/update-ticket.dto';
import { CommentView, TicketView } from './ticket.view';
import { TicketsService } from './tickets.service';

@ClosedController('tickets')
export class TicketsController {
  constructor(private readonly tickets: TicketsService) {}

  @Post()
  @ApiOperation({ summary: 'Open a ticket; it gets the next number of the organization' })
  @ApiBody({
    type: CreateTicketDto,
    examples: {
      minimal: { summary: 'Subject only', value: { subject: 'Cannot reset my password' } },
      detailed: {
        summary: 'With details and tags',
        value: {
          subject: 'Invoice charged twice',
          description: 'The March invoice appears twice on my card statement.',
          priority: 'high',
          requesterEmail: 'customer@example.com',
          tags: ['billing'],
        },
      },
    },
  })
  @ApiDataResponse(TicketView, 201)
  @ApiErrorResponses(422)
  create(@CurrentActor() actor: Actor, @Body() body: CreateTicketDto): Promise<TicketView> {
    return this.tickets.create(actor, body);
  }

  @ListRoute(TicketView, { summary: 'Filter, search and sort tickets', errors: [422] })
  list(@CurrentActor() actor: Actor, @Query() query: ListTicketsQuery): Promise<PaginatedResponse<TicketView>> {
    return this.tickets.list(actor, query);
  }

  @ReadRoute(TicketView, { summary: 'One ticket', errors: [404, 422] })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<TicketView> {
    return this.tickets.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a ticket; send the version you read (409 when it is stale)' })
  @ApiBody({
    type: UpdateTicketDto,
    examples: {
      status: { summary: 'Move it on', value: { version: 1, status: 'pending' } },
      priority: { summary: 'Raise the priority and tag it', value: { version: 1, priority: 'urgent', tags: ['vip'] } },
    },
  })
  @ApiDataResponse(TicketView)
  @ApiErrorResponses(404, 409, 422)
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: UpdateTicketDto): Promise<TicketView> {
    return this.tickets.update(actor, id, body);
  }

  @Roles('admin')
  @DeleteRoute({ summary: 'Delete a ticket and its comments', errors: [403, 404, 422] })
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MessageResponse> {
    await this.tickets.remove(actor, id);
    return new MessageResponse('Ticket deleted');
  }

  @ListRoute(CommentView, { path: ':id/comments', summary: "A ticket's comments, oldest first", errors: [404, 422] })
  listComments(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Query() page: PaginationQuery,
  ): Promise<PaginatedResponse<CommentView>> {
    return this.tickets.listComments(actor, id, page);
  }

  @Post(':id/comments')
  @ApiOperation({ summary: 'Comment on a ticket; `internal` comments are for the team only' })
  @ApiDataResponse(CommentView, 201)
  @ApiErrorResponses(404, 422)
  addComment(
    @CurrentActor() actor: Actor,
    @UuidParam() id: string,
    @Body() body: CreateCommentDto,
  ): Promise<CommentView> {
    return this.tickets.addComment(actor, id, body);
  }
}
