import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiEmail, ApiInteger, ApiText } from '../../core/http/api-properties';
import { OPAQUE_TOKEN_MAX } from './credentials.dto';
import { ApiKeyView } from '../../api-keys/api-key.view';
import { OrganizationView } from '../../organizations/organization.view';
import { UserView } from '../../users/user.view';

export class TokenPairView {
  @ApiText(2_000, { description: 'A JWT; send it as `Authorization: Bearer <token>`' }) accessToken: string;
  @ApiText(OPAQUE_TOKEN_MAX, { description: 'Opaque; trade it at POST /v1/auth/refresh' }) refreshToken: string;
  @ApiInteger(1, 86_400, { description: 'Seconds until the access token expires', example: 900 })
  expiresIn: number;
}

export class SessionView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ type: OrganizationView }) organization: OrganizationView;
  @ApiProperty({ type: TokenPairView }) tokens: TokenPairView;
}

/** The answer to every signup while mail is on, for a new address and a known one alike. */
export class SignupPendingView {
  @ApiEmail() email: string;
  @ApiInteger(1, 10_080, { description: 'Minutes the mailed confirmation link stays valid', example: 1440 })
  validMinutes: number;
}

export class MeView {
  @ApiPropertyOptional({ type: UserView }) user?: UserView;
  @ApiPropertyOptional({ type: ApiKeyView }) apiKey?: ApiKeyView;
  @ApiProperty({ type: OrganizationView }) organization: OrganizationView;
}
