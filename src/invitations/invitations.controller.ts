import { Body, Controller, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { LimitPerClient } from '../auth/client-rate-limit.guard';
import { ClientAddress } from '../auth/client-address.decorator';
import { CurrentActor } from '../access/current-actor.decorator';
import { AcceptInvitationDto } from '../auth/dto/credentials.dto';
import { SessionView } from '../auth/dto/session.view';
import { Public } from '../access/public.decorator';
import { Roles } from '../access/roles.decorator';
import { ApiDataResponse, ApiErrorResponses } from '../core/http/api-docs';
import { ListRoute, DeleteRoute } from '../core/http/routes';
import { PaginationQuery } from '../core/http/pagination.dto';
import { MessageResponse, type PaginatedResponse } from '../core/http/responses';
import { UuidParam } from '../core/http/uuid-param';
import { CreateInvitationDto } from './dto/create-invitation.dto';
import { InvitationsService } from './invitations.service';
import { CreatedInvitationView, InvitationView } from './invitation.view';

@ApiTags('invitations')
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Invite someone by email; the response holds the one-time token',
    description:
      'A person belongs to one organization. Inviting an email that has an account in another organization ' +
      'answers like any invitation (nothing tells the inviter who has an account); accepting it then fails ' +
      'as an invalid invitation does. 409 only for someone already in this organization. Rate limited per organization.',
  })
  @ApiDataResponse(CreatedInvitationView, 201)
  @ApiErrorResponses(401, 403, 409, 422, 429)
  create(@CurrentActor() actor: Actor, @Body() body: CreateInvitationDto): Promise<CreatedInvitationView> {
    return this.invitations.create(actor, body);
  }

  @Roles('admin')
  @ListRoute(InvitationView, { errors: [401, 403] })
  list(@CurrentActor() actor: Actor, @Query() page: PaginationQuery): Promise<PaginatedResponse<InvitationView>> {
    return this.invitations.list(actor, page);
  }

  @Roles('admin')
  @DeleteRoute({ errors: [401, 403, 404] })
  async revoke(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MessageResponse> {
    await this.invitations.revoke(actor, id);
    return new MessageResponse('Invitation revoked');
  }

  @Public()
  @Post('accept')
  @LimitPerClient('invitation-accept')
  @ApiOperation({ summary: 'Join with an invitation token; returns the new user signed in' })
  @ApiDataResponse(SessionView, 201)
  @ApiErrorResponses(402, 404, 422, 429)
  accept(@Body() body: AcceptInvitationDto, @ClientAddress() address: string): Promise<SessionView> {
    return this.invitations.accept(body, address);
  }
}
