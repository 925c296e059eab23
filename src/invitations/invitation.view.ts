import { ApiProperty } from '@nestjs/swagger';
import { OPAQUE_TOKEN_MAX } from '../auth/dto/credentials.dto';
import { ApiEmail, ApiText, ApiTimestamp, ApiUuid } from '../core/http/api-properties';
import { DELEGABLE_ROLES, type DelegableRole } from '../access/roles';
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

/** Returned once, at creation. With mail on, the token goes to the invitee by mail and only there. */
export class CreatedInvitationView extends InvitationView {
  @ApiText(OPAQUE_TOKEN_MAX, {
    required: false,
    pattern: '^inv_[A-Za-z0-9_-]+$',
    description:
      'Only when outbound mail is turned off: pass it on to the invitee, who sends it to POST /v1/invitations/accept. ' +
      'With mail on, the invitee gets it in the invitation mail and this field is absent.',
  })
  token?: string;
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
