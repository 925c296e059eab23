import { Body, Controller, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { Roles } from '../access/roles.decorator';
import { ApiDataResponse, ApiErrorResponses } from '../core/http/api-docs';
import { ListRoute, ReadRoute, DeleteRoute } from '../core/http/routes';
import { PaginationQuery } from '../core/http/pagination.dto';
import { MessageResponse, type PaginatedResponse } from '../core/http/responses';
import { UuidParam } from '../core/http/uuid-param';
import { AgentView } from './agent.view';
import { AgentsService } from './agents.service';
import { CreateAgentDto } from './dto/create-agent.dto';
import { UpdateAgentDto } from './dto/update-agent.dto';

@ApiTags('assistant')
@ApiErrorResponses(401)
@Controller('agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Configure an assistant agent: system prompt, provider and model, retrieval size' })
  @ApiDataResponse(AgentView, 201)
  @ApiErrorResponses(403, 409, 422)
  create(@CurrentActor() actor: Actor, @Body() body: CreateAgentDto): Promise<AgentView> {
    return this.agents.create(actor, body);
  }

  @ListRoute(AgentView, { errors: [422] })
  list(@CurrentActor() actor: Actor, @Query() page: PaginationQuery): Promise<PaginatedResponse<AgentView>> {
    return this.agents.list(actor, page);
  }

  @ReadRoute(AgentView, { errors: [404, 422] })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<AgentView> {
    return this.agents.get(actor, id);
  }

  @Patch(':id')
  @Roles('admin')
  @ApiDataResponse(AgentView)
  @ApiErrorResponses(403, 404, 409, 422)
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: UpdateAgentDto): Promise<AgentView> {
    return this.agents.update(actor, id, body);
  }

  @Roles('admin')
  @DeleteRoute({
    summary: 'Delete an agent; its conversations stay, and continue with the default agent',
    errors: [403, 404, 422],
  })
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MessageResponse> {
    await this.agents.remove(actor, id);
    return new MessageResponse('Agent deleted');
  }
}
