import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiMessageResponse } from '../core/http/api-docs';
import { MessageResponse } from '../core/http/responses';
import type { Actor } from '../access/actor';
import { LimitPerClient } from './client-rate-limit.guard';
import { ClientAddress } from './client-address.decorator';
import { CurrentActor } from '../access/current-actor.decorator';
import { ChangePasswordDto, PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/password.dto';
import { PASSWORD_RESET_VALID_MINUTES, PasswordService } from './password.service';
import { Public } from '../access/public.decorator';

@ApiTags('auth')
@Controller('auth')
export class PasswordController {
  constructor(private readonly passwords: PasswordService) {}

  @Post('password')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change your password (the current one is required); your other sessions end',
    description: 'The session making the request stays signed in. A mail tells the account owner. 403 for an API key.',
  })
  @ApiMessageResponse()
  @ApiErrorResponses(401, 403, 422, 429)
  async change(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @ClientAddress() address: string,
  ): Promise<MessageResponse> {
    await this.passwords.change(actor, body, address);
    return new MessageResponse('Password changed; your other sessions were ended');
  }

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @LimitPerClient('password-reset')
  @ApiOperation({
    summary: 'Ask for a password reset link by mail',
    description:
      'Always 202, after the same time, whether or not the email has an account. The link carries a ' +
      `single-use token valid ${PASSWORD_RESET_VALID_MINUTES} minutes; a new request replaces it.`,
  })
  @ApiMessageResponse(202)
  @ApiErrorResponses(422, 429)
  async requestReset(
    @Body() body: PasswordResetRequestDto,
    @ClientAddress() address: string,
  ): Promise<MessageResponse> {
    await this.passwords.requestReset(body.email, address);
    return new MessageResponse('If this email has an account, a reset link is on its way');
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(200)
  @LimitPerClient('password-reset-confirm')
  @ApiOperation({
    summary: "Set a new password with the reset mail's token; every session of the account ends",
  })
  @ApiMessageResponse()
  @ApiErrorResponses(401, 422, 429)
  async confirmReset(
    @Body() body: PasswordResetConfirmDto,
    @ClientAddress() address: string,
  ): Promise<MessageResponse> {
    await this.passwords.confirmReset(body, address);
    return new MessageResponse('Password reset; sign in with the new password');
  }
}
