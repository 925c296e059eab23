/**
 * The SQL the app really sends, captured from its own compiled code (dist/): the guard's user
 * lookup (`Repository.findOne`) and TicketsService.list/create run through a TypeORM
 * DataSource with the app's options and a logger that records every statement. The baseline
 * server carries a hand-copied version of the same SQL (baseline/sql.ts); the bench checks
 * the two still agree, so the comparison cannot drift silently when the app's query changes.
 */
import 'reflect-metadata';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { DataSourceOptions, Logger, ObjectLiteral } from 'typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../src/access/actor';
import type { AppConfig } from '../src/core/config/app-config';
import type { TenantTransaction as TenantTransactionType } from '../src/core/database/tenant-transaction';
import type { ListTicketsQuery } from '../src/tickets/dto/list-tickets.query';
import type { CreateTicketDto } from '../src/tickets/dto/create-ticket.dto';
import type { TicketsService as TicketsServiceType } from '../src/tickets/tickets.service';
import { ROOT } from './stack';

export interface CapturedStatement {
  sql: string;
  parameters: unknown[];
}

export interface AppSql {
  userLookup: CapturedStatement[];
  list: CapturedStatement[];
  search: CapturedStatement[];
  create: CapturedStatement[];
}

interface CompiledApp {
  dataSourceOptions: (config: AppConfig, name?: string) => DataSourceOptions;
  TenantTransaction: new (dataSource: DataSource) => TenantTransactionType;
  TicketsService: new (tenant: TenantTransactionType, logger: { info: () => void }) => TicketsServiceType;
  User: new () => ObjectLiteral;
  ACTOR_USER_COLUMNS: Record<string, true>;
}

/** The app's compiled modules (dist has no .d.ts: the types come from src), loaded once the bench has built them. */
function loadCompiledApp(): CompiledApp {
  const load = createRequire(join(ROOT, 'dist', 'main.js'));
  return {
    ...(load('./core/database/data-source-options') as Pick<CompiledApp, 'dataSourceOptions'>),
    ...(load('./core/database/tenant-transaction') as Pick<CompiledApp, 'TenantTransaction'>),
    ...(load('./tickets/tickets.service') as Pick<CompiledApp, 'TicketsService'>),
    ...(load('./users/user.entity') as Pick<CompiledApp, 'User'>),
    ...(load('./auth/auth.guard') as Pick<CompiledApp, 'ACTOR_USER_COLUMNS'>),
  };
}

class Recorder implements Logger {
  statements: CapturedStatement[] = [];
  logQuery(query: string, parameters?: unknown[]): void {
    this.statements.push({ sql: query, parameters: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
  take(): CapturedStatement[] {
    const out = this.statements;
    this.statements = [];
    return out;
  }
}

export const listQuery = (extra: Partial<ListTicketsQuery> = {}): ListTicketsQuery =>
  Object.assign(Object.create(null) as ListTicketsQuery, {
    skip: 0,
    limit: 20,
    sort: 'created',
    direction: 'desc',
    ...extra,
  });

/** Runs the app's own code as `actor` (application role, RLS on) and records what it sends. */
export async function captureAppSql(databaseUrl: string, actor: Actor, q: string): Promise<AppSql> {
  const { dataSourceOptions, TenantTransaction, TicketsService, User, ACTOR_USER_COLUMNS } = loadCompiledApp();
  const recorder = new Recorder();
  const options = dataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 } as AppConfig, 'bench-capture');
  const dataSource = new DataSource({ ...options, logger: recorder, logging: ['query'] });
  await dataSource.initialize();
  try {
    recorder.take();
    const tenants = new TenantTransaction(dataSource);
    await tenants.run(actor.organizationId, (manager) =>
      manager.getRepository<ObjectLiteral>(User).findOne({
        select: ACTOR_USER_COLUMNS,
        where: { id: actor.userId, organizationId: actor.organizationId },
      }),
    );
    const userLookup = recorder.take();
    const service = new TicketsService(tenants, { info: () => undefined });
    await service.list(actor, listQuery());
    const list = recorder.take();
    await service.list(actor, listQuery({ q }));
    const search = recorder.take();
    const body: CreateTicketDto = { subject: 'Captured by the benchmark', description: 'SQL capture' };
    await service.create(actor, body);
    const create = recorder.take();
    return { userLookup, list, search, create };
  } finally {
    await dataSource.destroy();
  }
}

/** Whitespace-insensitive comparison of two statements. */
export const sameSql = (a: string, b: string): boolean =>
  a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
