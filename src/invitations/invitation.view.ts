import { ApiProperty } from '@nestjs/swagger';
import { OPAQUE_TOKEN_MAX } from '../auth/dto/credentials.dto';
import { ApiEmail, ApiText, ApiTimestamp, ApiUuid } from '../core/http/api-properties';
import { DELEGABLE_ROLES, type DelegableRole } from '../auth/roles';
import type { Invitation } from './invitation.entity';

export class InvitationView {
  @ApiUuid() id: string;
  @ApiEmail() email: string;
  @ApiProperty({ enum: DELEGABLE_ROLES }) role: DelegableRole;
  @ApiUuid() invitedBy: string;
  @ApiTimestamp() expiresAt: string;
  @ApiTimestamp({ nullable: true }) acceptedAt: string | null;
  @ApiTimestamp() createdAt: string;
}

/** Returned once, at creation: the token goes to the invitee (there is no mail service yet). */
export class CreatedInvitationView extends InvitationView {
  @ApiText(OPAQUE_TOKEN_MAX, {
    pattern: '^inv_[A-Za-z0-9_-]+$',
    description: 'Shown only in this response; the invitee sends it to POST /v1/invitations/accept',
  })
  token: string;
}

export const toInvitationView = (invitation: Invitation): InvitationView => ({
  id: invitation.id,
  email: invitation.email,
  role: invitation.role,
  invitedBy: invitation.invitedBy,
  expiresAt: invitation.expiresAt.toISOString(),
  acceptedAt: invitation.acceptedAt?.toISOString() ?? null,
  createdAt: invitation.createdAt.toISOString(),
});
