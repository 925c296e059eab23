import { Column, JoinColumn, ManyToOne } from 'typeorm';

/**
 * The tenant key of a tenant-owned row: `organization_id uuid not null`, with a foreign key to
 * `organizations` that deletes the row with its organization. Put it on `organizationId`; it
 * also declares the `organization` relation (declare `organization?: Organization` beside it
 * where code loads it). The relation names the table, not the class, so core imports no domain.
 */
export function OrganizationColumn(): PropertyDecorator {
  return (target, propertyKey) => {
    Column({ type: 'uuid' })(target, propertyKey);
    ManyToOne('organizations', { onDelete: 'CASCADE' })(target, 'organization');
    JoinColumn({ name: 'organization_id' })(target, 'organization');
  };
}
