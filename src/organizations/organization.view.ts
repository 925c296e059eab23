import { ApiProperty } from '@nestjs/swagger';
import type { Organization } from './organization.entity';

export class OrganizationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Acme Support' }) name: string;
  @ApiProperty({ example: 'acme-support' }) slug: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export const toOrganizationView = (org: Organization): OrganizationView => ({
  id: org.id,
  name: org.name,
  slug: org.slug,
  createdAt: org.createdAt.toISOString(),
  updatedAt: org.updatedAt.toISOString(),
});
