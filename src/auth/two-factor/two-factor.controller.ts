import { Body, Controller, HttpCode, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDataResponse, ApiErrorResponses, ApiMessageResponse } from '../../core/http/api-docs';
import { MessageResponse } from '../../core/http/responses';
import { OrganizationView } from '../../organizations/organization.view';
import type { Actor } from '../../access/actor';
import { ClientAddress } from '../client-address.decorator';
import { LimitPerClient } from '../client-rate-limit.guard';
import { CurrentActor } from '../../access/current-actor.decorator';
import { SessionView } from '../dto/session.view';
import { Public } from '../../access/public.decorator';
import { Roles } from '../../access/roles.decorator';
import { OpenBeforeTwoFactor } from './enrolment-only';
import {
  DisableTwoFactorDto,
  RecoveryCodesView,
  TwoFactorCodeDto,
  TwoFactorEnrolmentView,
  TwoFactorLoginDto,
  TwoFactorRequirementDto,
} from './two-factor.dto';
import { TwoFactorService } from './two-factor.service';

@ApiTags('auth')
@Controller('auth/two-factor')
export class TwoFactorController {
  constructor(private readonly twoFactor: TwoFactorService) {}

  @Post('enrol')
  @HttpCode(200)
  @OpenBeforeTwoFactor()
  @ApiOperation({
    summary: 'Start two-factor enrolment: a new TOTP seed and its otpauth URL, pending until confirmed',
  })
  @ApiDataResponse(TwoFactorEnrolmentView)
  @ApiErrorResponses(401, 403, 409)
  enrol(@CurrentActor() actor: Actor): Promise<TwoFactorEnrolmentView> {
    return this.twoFactor.enrol(actor);
  }

  @Post('confirm')
  @HttpCode(200)
  @OpenBeforeTwoFactor()
  @ApiOperation({ summary: 'Confirm enrolment with a first code: two-factor is on; ten recovery codes, shown once' })
  @ApiDataResponse(RecoveryCodesView)
  @ApiErrorResponses(401, 403, 409, 422)
  confirm(@CurrentActor() actor: Actor, @Body() body: TwoFactorCodeDto): Promise<RecoveryCodesView> {
    return this.twoFactor.confirm(actor, body.code);
  }

  @Post('disable')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Turn two-factor off with the password and a code (or a recovery code)',
    description: '409 for an owner or admin whose organization requires two-factor authentication.',
  })
  @ApiMessageResponse()
  @ApiErrorResponses(401, 403, 409, 422, 429)
  async disable(
    @CurrentActor() actor: Actor,
    @Body() body: DisableTwoFactorDto,
    @ClientAddress() address: string,
  ): Promise<MessageResponse> {
    await this.twoFactor.disable(actor, body.password, body.code, address);
    return new MessageResponse('Two-factor authentication is off');
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @LimitPerClient('two-factor-login')
  @ApiOperation({
    summary: 'Second login step: the challenge from POST /v1/auth/login (202) and a code or a recovery code',
  })
  @ApiDataResponse(SessionView)
  @ApiErrorResponses(401, 422, 429)
  login(@Body() body: TwoFactorLoginDto, @ClientAddress() address: string): Promise<SessionView> {
    return this.twoFactor.login(body.challengeToken, body.code, address);
  }

  @Put('requirement')
  @Roles('owner')
  @ApiOperation({
    summary: "Require (or stop requiring) two-factor of the organization's owners and admins",
    description: 'Until they enrol, owners and admins without two-factor can only enrol, confirm and sign out (403).',
  })
  @ApiDataResponse(OrganizationView)
  @ApiErrorResponses(401, 403, 422)
  setRequirement(@CurrentActor() actor: Actor, @Body() body: TwoFactorRequirementDto): Promise<OrganizationView> {
    return this.twoFactor.setRequirement(actor, body.required);
  }
}
