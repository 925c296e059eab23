import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDataResponse, ApiErrorResponses, ApiMessageResponse } from '../core/http/api-docs';
import { MessageResponse } from '../core/http/responses';
import type { Actor } from '../access/actor';
import { AuthService } from './auth.service';
import { LimitPerClient } from './client-rate-limit.guard';
import { ClientAddress, HostOrganization } from './client-address.decorator';
import { CurrentActor } from '../access/current-actor.decorator';
import { LoginDto, RefreshTokenDto, SignupConfirmationDto, SignupDto } from './dto/credentials.dto';
import { MeView, SessionView, SignupPendingView } from './dto/session.view';
import { Public } from '../access/public.decorator';
import { SignupService } from './signup.service';
import { OpenBeforeTwoFactor } from './two-factor/enrolment-only';
import { TwoFactorChallengeView } from './two-factor/two-factor.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signups: SignupService,
  ) {}

  @Public()
  @Post('signup')
  @LimitPerClient('signup')
  @ApiOperation({
    summary: 'Create an organization and its owner',
    description:
      'With mail on, every signup answers 202 alike, for a new address and a known one: the address gets either a ' +
      'confirmation link (confirm at POST /v1/auth/signup/confirm with the same password) or a notice that it has ' +
      'an account. With mail off there is no way to prove the address: the answer is 201 with tokens, or 409 for ' +
      'an address that has an account.',
  })
  @ApiDataResponse(SessionView, 201, 'Mail off: the organization and its owner, signed in')
  @ApiDataResponse(SignupPendingView, 202, 'Mail on: a mail is on its way to the address')
  @ApiErrorResponses(409, 422, 429)
  async signup(
    @Body() body: SignupDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView | SignupPendingView> {
    const outcome = await this.signups.signup(body);
    if (!('tokens' in outcome)) void reply.status(202);
    return outcome;
  }

  @Public()
  @Post('signup/confirm')
  @LimitPerClient('signup')
  @ApiOperation({ summary: "Confirm a signup with the mailed link's token and the password chosen at signup" })
  @ApiDataResponse(SessionView, 201)
  @ApiErrorResponses(401, 422, 429)
  confirmSignup(@Body() body: SignupConfirmationDto, @ClientAddress() address: string): Promise<SessionView> {
    return this.signups.confirm(body, address);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @LimitPerClient('login')
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'With two-factor on, the answer is 202 with a challenge: send it with a code to POST /v1/auth/two-factor/login.',
  })
  @ApiDataResponse(SessionView)
  @ApiDataResponse(TwoFactorChallengeView, 202, 'Password correct; the second step needs a code')
  @ApiErrorResponses(401, 422, 429)
  async login(
    @Body() body: LoginDto,
    @ClientAddress() address: string,
    @HostOrganization() hostOrganizationId: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SessionView | TwoFactorChallengeView> {
    const outcome = await this.auth.login(body, address, hostOrganizationId);
    if ('challengeToken' in outcome) void reply.status(202);
    return outcome;
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @LimitPerClient('refresh')
  @ApiOperation({ summary: 'Trade a refresh token for a new pair; the old one is retired' })
  @ApiDataResponse(SessionView)
  @ApiErrorResponses(401, 422, 429)
  refresh(
    @Body() body: RefreshTokenDto,
    @HostOrganization() hostOrganizationId: string | undefined,
  ): Promise<SessionView> {
    return this.auth.refresh(body.refreshToken, hostOrganizationId);
  }

  @Post('logout')
  @HttpCode(200)
  @OpenBeforeTwoFactor()
  @ApiOperation({ summary: 'End this session: its access token and the family of this refresh token stop working' })
  @ApiMessageResponse()
  @ApiErrorResponses(401, 422)
  async logout(@CurrentActor() actor: Actor, @Body() body: RefreshTokenDto): Promise<MessageResponse> {
    await this.auth.logout(actor, body.refreshToken);
    return new MessageResponse('Logged out');
  }

  @Post('logout-all')
  @HttpCode(200)
  @OpenBeforeTwoFactor()
  @ApiOperation({ summary: 'Sign out everywhere: every session of the caller ends, access tokens included' })
  @ApiMessageResponse()
  @ApiErrorResponses(401, 403)
  async logoutAll(@CurrentActor() actor: Actor): Promise<MessageResponse> {
    await this.auth.logoutEverywhere(actor);
    return new MessageResponse('Signed out everywhere');
  }

  @Get('me')
  @OpenBeforeTwoFactor()
  @ApiOperation({ summary: 'The caller: a user, or an API key, and its organization' })
  @ApiDataResponse(MeView)
  @ApiErrorResponses(401)
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.auth.me(actor);
  }
}
