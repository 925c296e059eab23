import { ApiProperty } from '@nestjs/swagger';
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

/** Returned once, at creation: the token goes to the invitee (there is no mail service yet). */
export class CreatedInvitationView extends InvitationView {
  @ApiProperty({ description: 'Shown only in this response; the invitee sends it to POST /v1/invitations/accept' })
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
