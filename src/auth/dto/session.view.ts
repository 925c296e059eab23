import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiKeyView } from '../../api-keys/api-key.view';
import { OrganizationView } from '../../organizations/organization.view';
import { UserView } from '../../users/user.view';

export class TokenPairView {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 }) expiresIn: number;
}

export class SessionView {
  @ApiProperty({ type: UserView }) user: UserView;
  @ApiProperty({ type: OrganizationView }) organization: OrganizationView;
  @ApiProperty({ type: TokenPairView }) tokens: TokenPairView;
}

export class MeView {
  @ApiPropertyOptional({ type: UserView }) user?: UserView;
  @ApiPropertyOptional({ type: ApiKeyView }) apiKey?: ApiKeyView;
  @ApiProperty({ type: OrganizationView }) organization: OrganizationView;
}
