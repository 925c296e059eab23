import { Body, Delete, Get, Patch, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Roles } from '../auth/roles.decorator';
import { ApiDataResponse, ApiErrorResponses, ApiMessageResponse, ApiPaginatedResponse } from '../core/http/api-docs';
import { ClosedController } from '../core/http/closed-controller';
import { PaginationQuery } from '../core/http/pagination.dto';
import { UuidParam } from '../core/http/uuid-param';
import { MessageResponse, type PaginatedResponse } from '../core/http/responses';
import { UpdateUserDto } from './dto/update-user.dto';
import { UsersService } from './users.service';
import { UserView } from './user.view';

@ClosedController('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'People of the organization' })
  @ApiPaginatedResponse(UserView)
  list(@CurrentActor() actor: Actor, @Query() page: PaginationQuery): Promise<PaginatedResponse<UserView>> {
    return this.users.list(actor, page);
  }

  @Get(':id')
  @ApiDataResponse(UserView)
  @ApiErrorResponses(404)
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, role or status (admins manage members; owners manage everyone)' })
  @ApiDataResponse(UserView)
  @ApiErrorResponses(402, 403, 404, 409, 422)
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: UpdateUserDto): Promise<UserView> {
    return this.users.update(actor, id, body);
  }

  @Delete(':id')
  @Roles('admin')
  @ApiOperation({ summary: 'Remove a user and end their sessions' })
  @ApiMessageResponse()
  @ApiErrorResponses(403, 404, 409)
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MessageResponse> {
    await this.users.remove(actor, id);
    return new MessageResponse('User removed');
  }
}
