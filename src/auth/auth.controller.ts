import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiDataResponse, ApiErrorResponses, ApiMessageResponse } from '../core/http/api-docs';
import { MessageResponse } from '../core/http/responses';
import type { Actor } from './actor';
import { AuthService } from './auth.service';
import { LimitPerClient } from './client-rate-limit.guard';
import { CurrentActor } from './current-actor.decorator';
import { LoginDto, RefreshTokenDto, SignupDto } from './dto/credentials.dto';
import { MeView, SessionView } from './dto/session.view';
import { Public } from './public.decorator';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('signup')
  @LimitPerClient('signup')
  @ApiOperation({ summary: 'Create an organization and its owner; returns tokens' })
  @ApiDataResponse(SessionView, 201)
  @ApiErrorResponses(409, 422, 429)
  signup(@Body() body: SignupDto): Promise<SessionView> {
    return this.auth.signup(body);
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @LimitPerClient('login')
  @ApiOperation({ summary: 'Sign in with email and password' })
  @ApiDataResponse(SessionView)
  @ApiErrorResponses(401, 422, 429)
  login(@Body() body: LoginDto): Promise<SessionView> {
    return this.auth.login(body);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @LimitPerClient('refresh')
  @ApiOperation({ summary: 'Trade a refresh token for a new pair; the old one is retired' })
  @ApiDataResponse(SessionView)
  @ApiErrorResponses(401, 422, 429)
  refresh(@Body() body: RefreshTokenDto): Promise<SessionView> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(200)
  @ApiOperation({ summary: 'End the session family of this refresh token' })
  @ApiMessageResponse()
  @ApiErrorResponses(401, 422)
  async logout(@CurrentActor() actor: Actor, @Body() body: RefreshTokenDto): Promise<MessageResponse> {
    await this.auth.logout(actor, body.refreshToken);
    return new MessageResponse('Logged out');
  }

  @Get('me')
  @ApiOperation({ summary: 'The caller: a user, or an API key, and its organization' })
  @ApiDataResponse(MeView)
  @ApiErrorResponses(401)
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.auth.me(actor);
  }
}
