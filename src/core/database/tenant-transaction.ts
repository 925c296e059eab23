import { Injectable } from '@nestjs/common';
import type { PoolClient, QueryResult } from 'pg';
import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** A UUID in its canonical text form: what may be bound where the database expects a uuid. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One statement of a batch: SQL with numbered parameters, and their values. */
export interface SqlStatement {
  sql: string;
  parameters: unknown[];
}

const SET_TENANT = `SELECT set_config('app.organization_id', $1, true)`;

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
    assertOrganizationId(organizationId);
    return this.dataSource.transaction(async (manager) => {
      await manager.query(SET_TENANT, [organizationId]);
      return work(manager);
    });
  }

  /**
   * The hot paths' tenant transaction: BEGIN, the tenant, `statements` and COMMIT leave in one
   * write and are answered in one round trip (the pool's connections pipeline, see
   * data-source-options), where `run` waits for each in turn. So no statement may depend on
   * another's answer. Resolves with each statement's rows, in order. A failing statement aborts
   * the transaction (its COMMIT then rolls back) and is thrown as TypeORM's QueryFailedError,
   * like any query of `run`.
   */
  async batch(organizationId: string, ...statements: SqlStatement[]): Promise<unknown[][]> {
    assertOrganizationId(organizationId);
    const sent: SqlStatement[] = [
      { sql: 'START TRANSACTION', parameters: [] },
      { sql: SET_TENANT, parameters: [organizationId] },
      ...statements,
      { sql: 'COMMIT', parameters: [] },
    ];
    const [client, release] = await this.connection();
    // While the client is out of the pool, a lost connection is an 'error' event the pool no longer handles.
    let lost: Error | undefined;
    const onError = (error: Error): void => void (lost = error);
    client.on('error', onError);
    const socket = client.connection.stream;
    socket.cork();
    const answers = sent.map(({ sql, parameters }) => client.query(sql, parameters));
    socket.uncork();
    const settled = await Promise.allSettled(answers);
    client.off('error', onError);
    // Back to the pool only once its COMMIT (or the ROLLBACK it became) was answered: the tenant is gone then.
    const ended = settled[settled.length - 1].status === 'fulfilled';
    release(ended ? undefined : (lost ?? new Error('the tenant transaction did not end')));
    const failed = settled.findIndex((answer) => answer.status === 'rejected');
    if (failed >= 0) {
      const { sql, parameters } = sent[failed];
      throw new QueryFailedError(sql, parameters, (settled[failed] as PromiseRejectedResult).reason as Error);
    }
    return settled
      .slice(2, -1)
      .map((answer) => (answer as PromiseFulfilledResult<QueryResult<Record<string, unknown>>>).value.rows);
  }

  private async connection(): Promise<[PoolClient, (error?: Error) => void]> {
    const driver = this.dataSource.driver as PostgresDriver;
    return (await driver.obtainMasterConnection()) as [PoolClient, (error?: Error) => void];
  }
}

function assertOrganizationId(organizationId: string): void {
  if (!UUID.test(organizationId)) throw new Error('Tenant work needs an organization id');
}
