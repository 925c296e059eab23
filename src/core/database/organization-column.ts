import { ReferenceColumn } from './reference-column';

/**
 * The tenant key of a tenant-owned row: `organization_id uuid not null`, deleted with its
 * organization, and the `organization` relation. The relation names the table, not the class,
 * so core imports no domain.
 */
export const OrganizationColumn = (): PropertyDecorator => ReferenceColumn('organizations', 'organization');
