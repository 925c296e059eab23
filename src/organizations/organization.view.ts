import { ApiProperty } from '@nestjs/swagger';
import type { Organization } from './organization.entity';
import { DISPLAY_NAME_MAX } from '../core/http/display-name';
import { ApiText, ApiTimestamp, ApiUuid } from '../core/http/api-properties';
import { SLUG_MAX } from './slug';

export class OrganizationView {
  @ApiUuid() id: string;
  @ApiText(DISPLAY_NAME_MAX, { example: 'Acme Support' }) name: string;
  @ApiText(SLUG_MAX, { pattern: '^[a-z0-9-]+$', example: 'acme-support' }) slug: string;
  @ApiProperty({ description: 'Owners and admins must use two-factor authentication' }) requireTwoFactor: boolean;
  @ApiTimestamp() createdAt: string;
  @ApiTimestamp() updatedAt: string;
}

export const toOrganizationView = (org: Organization): OrganizationView => ({
  id: org.id,
  name: org.name,
  slug: org.slug,
  requireTwoFactor: org.requireTwoFactor,
  createdAt: org.createdAt.toISOString(),
  updatedAt: org.updatedAt.toISOString(),
});
