import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A UUID in its canonical text form: what may be bound where the database expects a uuid. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs tenant work in a transaction that first sets `app.organization_id`, the setting the
 * row-level security policies read. `set_config(..., true)` is transaction-local, so a pooled
 * connection never carries a tenant into the next use. The explicit organization filter in
 * each query stays: RLS is the second lock, not the first.
 */
@Injectable()
export class TenantTransaction {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(organizationId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!UUID.test(organizationId)) throw new Error('Tenant work needs an organization id');
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT set_config('app.organization_id', $1, true)`, [organizationId]);
      return work(manager);
    });
  }
}
