import { EmailAddress, OpaqueToken, Password } from './credentials.dto';

export class ChangePasswordDto {
  @Password() currentPassword: string;
  @Password() newPassword: string;
}

export class PasswordResetRequestDto {
  @EmailAddress() email: string;
}

/** The token from the reset mail's link (its `token` query parameter) and the new password. */
export class PasswordResetConfirmDto {
  @OpaqueToken() token: string;
  @Password() password: string;
}
