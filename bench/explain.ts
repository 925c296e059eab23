/**
 * EXPLAIN (ANALYZE, BUFFERS) of the app's own statements (as captured from its code: the list
 * page, the list total, and the same two with a full-text condition) at this data size, run as
 * the application role inside a tenant transaction, so the row-level security policy is part of
 * the plan exactly as in production. Each report names the indexes the plan uses, with their
 * definitions, to show whether they lead with organization_id. The plans of the statements a
 * function runs (the full-text search's tenant-scoped function) come from auto_explain's nested
 * statements, so the indexes used inside it are named too.
 */
import { Client } from 'pg';
import { APP_ROLE } from '../scripts/stack/postgres';

export interface PlanReport {
  label: string;
  organizationTickets: number;
  executionMs: number;
  keyLines: string[];
  /** `name: CREATE INDEX ...` for every index the plan (or a function it calls) scans. */
  indexes: string[];
  plan: string[];
  /** Plans of the statements run inside functions the statement calls (auto_explain). */
  nestedPlans: string[];
}

const KEY =
  /(Limit|Sort|Aggregate|WindowAgg|Scan|Index Cond|Recheck Cond|Filter|Rows Removed|Heap Fetches|Heap Blocks|Storage|Gather|Execution Time|Planning Time)/;

/** Index names in plan lines such as `Index Scan Backward using X on tickets t` or `Bitmap Index Scan on X`. */
const INDEX_IN_PLAN = /(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) "?([\w$]+)"?/g;

/** Connects as the superuser (auto_explain needs it), then acts as the application role: RLS applies. */
export async function explain(
  superuserUrl: string,
  jobs: Array<{
    label: string;
    organizationId: string;
    organizationTickets: number;
    sql: string;
    parameters: unknown[];
  }>,
): Promise<PlanReport[]> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  const logged: string[] = [];
  client.on('notice', (notice) => logged.push(notice.message ?? ''));
  const out: PlanReport[] = [];
  try {
    await client.query(`LOAD 'auto_explain'`);
    for (const setting of [
      'log_nested_statements = on',
      'log_analyze = on',
      'log_buffers = on',
      'log_min_duration = 0',
    ]) {
      await client.query(`SET auto_explain.${setting}`);
    }
    await client.query('SET client_min_messages = log');
    await client.query(`SET ROLE ${APP_ROLE.user}`);
    const { rows: definitions } = await client.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const definitionOf = new Map(definitions.map((d) => [d.name, d.definition]));
    for (const job of jobs) {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT set_config('app.organization_id', $1, true)`, [job.organizationId]);
        // Once to warm the cache like the running app would (auto_explain on: nested plans), then the measured run.
        logged.length = 0;
        await client.query(job.sql, job.parameters);
        const nestedPlans = logged.filter((message) => message.includes('Query Text:'));
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${job.sql}`,
          job.parameters,
        );
        const plan = rows.map((r) => r['QUERY PLAN']);
        const execution = plan.find((line) => line.startsWith('Execution Time'));
        const planText = [...plan, ...nestedPlans];
        const used = new Set(planText.flatMap((text) => [...text.matchAll(INDEX_IN_PLAN)].map((m) => m[1])));
        out.push({
          label: job.label,
          organizationTickets: job.organizationTickets,
          executionMs: execution ? Number(/([\d.]+) ms/.exec(execution)?.[1]) : NaN,
          keyLines: plan.filter((line) => KEY.test(line)).map((line) => line.replace(/\s+$/, '')),
          indexes: [...used].map((name) => `${name}: ${definitionOf.get(name) ?? '(unknown)'}`),
          plan,
          nestedPlans,
        });
      } finally {
        await client.query('ROLLBACK');
      }
    }
  } finally {
    await client.end();
  }
  return out;
}
