import { ReferenceColumn, type ReferenceOptions } from './reference-column';

/**
 * The tenant key of a tenant-owned row: `organization_id uuid not null`, deleted with its
 * organization, and the `organization` relation. The relation names the table, not the class,
 * so core imports no domain. `primary` where the organization is (part of) the key: one row per
 * organization (with `oneToOne`), or per organization and the other key columns.
 */
export const OrganizationColumn = (options: Pick<ReferenceOptions, 'primary' | 'oneToOne'> = {}): PropertyDecorator =>
  ReferenceColumn('organizations', 'organization', options);
