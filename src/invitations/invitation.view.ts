import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DELEGABLE_ROLES, type DelegableRole } from '../auth/roles';
import type { Invitation } from './invitation.entity';

export class InvitationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: DELEGABLE_ROLES }) role: DelegableRole;
  @ApiProperty({ format: 'uuid' }) invitedBy: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) acceptedAt: string | null;
  @ApiProperty() createdAt: string;
}

/** Returned once, at creation. With mail on, the token goes to the invitee by mail and only there. */
export class CreatedInvitationView extends InvitationView {
  @ApiPropertyOptional({
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
