import { Body, Delete, Post, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { Roles } from '../access/roles.decorator';
import { ApiDataResponse, ApiErrorResponses, ApiMessageResponse } from '../core/http/api-docs';
import { ListRoute } from '../core/http/routes';
import { ClosedController } from '../core/http/closed-controller';
import { PaginationQuery } from '../core/http/pagination.dto';
import { MessageResponse, type PaginatedResponse } from '../core/http/responses';
import { UuidParam } from '../core/http/uuid-param';
import { ApiKeysService } from './api-keys.service';
import { withRevokedGrants } from '../access/delegated-authority';
import { ApiKeyView, CreatedApiKeyView } from './api-key.view';
import { CreateApiKeyDto } from './dto/create-api-key.dto';

@ClosedController('api-keys')
@ApiErrorResponses(403)
@Roles('admin')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a key; the full key is in this response only',
    description:
      'A key may create keys no wider and no longer-lived than itself: its role at most, and an expiry no ' +
      'later than its own (without expiresAt, the new key expires with its creator). Revoking a key revokes the keys it created.',
  })
  @ApiDataResponse(CreatedApiKeyView, 201)
  @ApiErrorResponses(402, 422)
  create(@CurrentActor() actor: Actor, @Body() body: CreateApiKeyDto): Promise<CreatedApiKeyView> {
    return this.apiKeys.create(actor, body);
  }

  @ListRoute(ApiKeyView)
  list(@CurrentActor() actor: Actor, @Query() page: PaginationQuery): Promise<PaginatedResponse<ApiKeyView>> {
    return this.apiKeys.list(actor, page);
  }

  @Delete(':id')
  @ApiOperation({
    summary: 'Revoke a key; it stops working at once, with the keys it created and its pending invitations',
  })
  @ApiMessageResponse()
  @ApiErrorResponses(404)
  async revoke(@CurrentActor() actor: Actor, @UuidParam() id: string): Promise<MessageResponse> {
    const grants = await this.apiKeys.revoke(actor, id);
    return new MessageResponse(withRevokedGrants('API key revoked', grants));
  }
}
