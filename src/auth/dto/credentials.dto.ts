import { applyDecorators } from '@nestjs/common';
import { ApiEmail, EMAIL_MAX_LENGTH } from '../../core/http/api-properties';
import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import { DisplayName } from '../../core/http/display-name';
import { TrimLowercase } from '../../core/http/trim';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
export const OPAQUE_TOKEN_MAX = 200;

/** An email, compared case-insensitively: trimmed and lower-cased at the edge. */
export const EmailAddress = (): PropertyDecorator =>
  applyDecorators(ApiEmail(), TrimLowercase(), IsEmail(), MaxLength(EMAIL_MAX_LENGTH));

/** An opaque token handed out earlier (refresh token, invitation token). */
export const OpaqueToken = (): PropertyDecorator =>
  applyDecorators(ApiProperty({ minLength: 1, maxLength: OPAQUE_TOKEN_MAX }), IsString(), Length(1, OPAQUE_TOKEN_MAX));

export const Password = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ minLength: PASSWORD_MIN, maxLength: PASSWORD_MAX, example: 'correct horse battery staple' }),
    IsString(),
    Length(PASSWORD_MIN, PASSWORD_MAX),
  );

export class LoginDto {
  @EmailAddress() email: string;
  @Password() password: string;
}

export class SignupDto {
  @DisplayName('Acme Support') organizationName: string;
  @DisplayName('Ada Lovelace') name: string;
  @EmailAddress() email: string;
  @Password() password: string;
}

export class SignupConfirmationDto {
  @OpaqueToken() token: string;
  /** The password chosen at signup: whoever opens the mail must also know it. */
  @Password() password: string;
}

export class RefreshTokenDto {
  @OpaqueToken() refreshToken: string;
}

/** `POST /invitations/accept`: the invitation's token, and the new user's name and password. */
export class AcceptInvitationDto {
  @OpaqueToken() token: string;
  @DisplayName('Grace Hopper') name: string;
  @Password() password: string;
}
