import type { DataSource } from 'typeorm';
import { Organization } from './organization.entity';

const PAGE = 500;

/**
 * Every organization's id, a page at a time: background passes over tenant tables go
 * organization by organization, since row-level security shows one tenant per transaction.
 * `organizations` is the tenant list itself (no policy), readable before any tenant is set.
 */
export async function* organizationIds(dataSource: DataSource): AsyncGenerator<string> {
  for (let skip = 0; ; skip += PAGE) {
    const page = await dataSource
      .getRepository(Organization)
      .find({ select: { id: true }, order: { id: 'ASC' }, skip, take: PAGE });
    for (const { id } of page) yield id;
    if (page.length < PAGE) return;
  }
}
