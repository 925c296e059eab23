import { Body, Patch, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { Roles } from '../access/roles.decorator';
import { ApiDataResponse, ApiErrorResponses } from '../core/http/api-docs';
import { ListRoute, ReadRoute, DeleteRoute } from '../core/http/routes';
import { ClosedController } from '../core/http/closed-controller';
import { PaginationQuery } from '../core/http/pagination.dto';
import { UuidParam } from '../core/http/uuid-param';
import { MessageResponse, type PaginatedResponse } from '../core/http/responses';
import { UpdateUserDto } from './dto/update-user.dto';
import { withRevokedGrants } from '../access/delegated-authority';
import { UsersService } from './users.service';
import { UpdatedUserView, UserView } from './user.view';

@ClosedController('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @ListRoute(UserView, { summary: 'People of the organization' })
  list(@CurrentActor() actor: Actor, @Query() page: PaginationQuery): Promise<PaginatedResponse<UserView>> {
    return this.users.list(actor, page);
  }

  @ReadRoute(UserView, { errors: [404] })
  get(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<UserView> {
    return this.users.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change name, role or status (admins manage members; owners manage everyone)',
    description:
      'A demotion revokes the API keys and pending invitations this user created with a role above the new one; ' +
      '`revoked` lists them.',
  })
  @ApiDataResponse(UpdatedUserView)
  @ApiErrorResponses(402, 403, 404, 409, 422)
  update(@CurrentActor() actor: Actor, @UuidParam() id: string, @Body() body: UpdateUserDto): Promise<UpdatedUserView> {
    return this.users.update(actor, id, body);
  }

  @Roles('admin')
  @DeleteRoute({
    summary: 'Remove a user, end their sessions, and revoke the API keys and invitations they granted',
    errors: [403, 404, 409],
  })
  async remove(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MessageResponse> {
    const revoked = await this.users.remove(actor, id);
    return new MessageResponse(withRevokedGrants('User removed', revoked));
  }
}
