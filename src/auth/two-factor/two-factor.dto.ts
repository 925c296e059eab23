import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsString, Length, Matches } from 'class-validator';
import { Password } from '../dto/credentials.dto';

const Code =
  (description: string): PropertyDecorator =>
  (target, key) => {
    ApiProperty({ description, example: '123456', minLength: 6, maxLength: 24 })(target, key);
    IsString()(target, key);
    Length(6, 24)(target, key);
  };

export class TwoFactorCodeDto {
  @Code('The six digits the authenticator app shows now')
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code: string;
}

export class DisableTwoFactorDto {
  @Password() password: string;
  @Code('Six digits from the authenticator app, or an unused recovery code') code: string;
}

export class TwoFactorLoginDto {
  @ApiProperty({ description: 'From the 202 answer of POST /v1/auth/login' })
  @IsString()
  @Length(1, 2000)
  challengeToken: string;

  @Code('Six digits from the authenticator app, or an unused recovery code (then it is used up)') code: string;
}

export class TwoFactorRequirementDto {
  @ApiProperty({ description: "Whether the organization's owners and admins must use two-factor authentication" })
  @IsBoolean()
  required: boolean;
}

export class TwoFactorEnrolmentView {
  @ApiProperty({ example: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', description: 'The seed, base32, to type in by hand' })
  secret: string;

  @ApiProperty({ example: 'otpauth://totp/Deskbase:ada%40example.com?issuer=Deskbase&secret=...' })
  otpauthUrl: string;
}

export class RecoveryCodesView {
  @ApiProperty({
    type: [String],
    example: ['k3v7q-m2x9p'],
    description: 'Ten single-use codes for when the authenticator is lost. Shown only in this response.',
  })
  recoveryCodes: string[];
}

export class TwoFactorChallengeView {
  @ApiProperty({ enum: [true] }) twoFactorRequired: true;

  @ApiProperty({ description: 'Send it with a code to POST /v1/auth/two-factor/login' })
  challengeToken: string;

  @ApiProperty({ example: 300, description: 'Seconds the challenge stays valid' })
  expiresIn: number;
}
