import { ApiProperty } from '@nestjs/swagger';
import type { Organization } from './organization.entity';

export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Acme Support' }) name: string;
  @ApiProperty({ example: 'acme-support' }) slug: string;
  @ApiProperty({ description: 'Owners and admins must use two-factor authentication' }) requireTwoFactor: boolean;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export const toOrganizationView = (org: Organization): OrganizationView => ({
  id: org.id,
  name: org.name,
  slug: org.slug,
  requireTwoFactor: org.requireTwoFactor,
  createdAt: org.createdAt.toISOString(),
  updatedAt: org.updatedAt.toISOString(),
});
