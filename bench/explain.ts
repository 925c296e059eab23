/**
 * EXPLAIN (ANALYZE, BUFFERS) of the app's own statements (as captured from its code: the list
 * page, the list total, and the same two with a full-text condition) at this data size, run as
 * the application role inside a tenant transaction, so the row-level security policy is part of
 * the plan exactly as in production. Each report names the indexes the plan uses, with their
 * definitions, to show whether they lead with organization_id.
 */
import { Client } from 'pg';

export interface PlanReport {
  label: string;
  organizationTickets: number;
  executionMs: number;
  keyLines: string[];
  /** `name: CREATE INDEX ...` for every index the plan scans. */
  indexes: string[];
  plan: string[];
}

const KEY =
  /(Limit|Sort|Aggregate|WindowAgg|Scan|Index Cond|Recheck Cond|Filter|Rows Removed|Heap Fetches|Heap Blocks|Storage|Gather|Execution Time|Planning Time)/;

/** Index names in plan lines such as `Index Scan Backward using X on tickets t` or `Bitmap Index Scan on X`. */
const INDEX_IN_PLAN = /(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) "?([\w$]+)"?/g;

export async function explain(
  databaseUrl: string,
  jobs: Array<{
    label: string;
    organizationId: string;
    organizationTickets: number;
    sql: string;
    parameters: unknown[];
  }>,
): Promise<PlanReport[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  const out: PlanReport[] = [];
  try {
    const { rows: definitions } = await client.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = 'public'`,
    );
    const definitionOf = new Map(definitions.map((d) => [d.name, d.definition]));
    for (const job of jobs) {
      await client.query('BEGIN');
      try {
        await client.query(`SELECT set_config('app.organization_id', $1, true)`, [job.organizationId]);
        // Once to warm the cache like the running app would, then the measured run.
        await client.query(job.sql, job.parameters);
        const { rows } = await client.query<{ 'QUERY PLAN': string }>(
          `EXPLAIN (ANALYZE, BUFFERS) ${job.sql}`,
          job.parameters,
        );
        const plan = rows.map((r) => r['QUERY PLAN']);
        const execution = plan.find((line) => line.startsWith('Execution Time'));
        const used = new Set(plan.flatMap((line) => [...line.matchAll(INDEX_IN_PLAN)].map((m) => m[1])));
        out.push({
          label: job.label,
          organizationTickets: job.organizationTickets,
          executionMs: execution ? Number(/([\d.]+) ms/.exec(execution)?.[1]) : NaN,
          keyLines: plan.filter((line) => KEY.test(line)).map((line) => line.replace(/\s+$/, '')),
          indexes: [...used].map((name) => `${name}: ${definitionOf.get(name) ?? '(unknown)'}`),
          plan,
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
