/**
 * Seeds the benchmark data set with a few set-based SQL statements as the superuser (RLS does
 * not apply to it): organizations of uneven size (a few large tenants, a long tail of small
 * ones), their users, the tickets with realistic text, status/priority/tag/assignee mixes and
 * timestamps, and ticket_counters in step with the highest number. Then VACUUM ANALYZE.
 */
import { Client } from 'pg';
import { SEARCH_QUERIES, TAGS, sentences, subjects } from './corpus';

export interface SeedOptions {
  organizations: number;
  tickets: number;
  /** Zipf exponent of organization sizes: 0 = all equal; 0.7 = largest about 20x the smallest. */
  skew: number;
}

export interface SeededUser {
  id: string;
  organizationId: string;
  role: 'owner' | 'admin' | 'member';
  /** The family id of the user's seeded login, the `sid` of their access tokens. */
  sessionId: string;
}

export interface SeededOrganization {
  id: string;
  tickets: number;
  users: number;
}

export interface SeedResult {
  organizations: SeededOrganization[];
  users: SeededUser[];
  tickets: number;
  seconds: number;
}

/** Organization sizes summing exactly to `total`, largest first. */
export function organizationSizes({ organizations, tickets, skew }: SeedOptions): number[] {
  const weights = Array.from({ length: organizations }, (_, i) => 1 / Math.pow(i + 1, skew));
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((w / sum) * tickets)));
  sizes[0] += tickets - sizes.reduce((a, b) => a + b, 0);
  return sizes;
}

// Never used to log in (the bench signs access tokens directly); a well-formed argon2id string all the same.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaA$YmVuY2hiZW5jaGJlbmNoYmVuY2hiZW5jaGJlbmNo';

export async function seed(superuserUrl: string, options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const sizes = organizationSizes(options);
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query(`SET maintenance_work_mem = '256MB'`);
    await client.query(`SET work_mem = '64MB'`);
    const pg18 = Number((await client.query<{ v: string }>('SHOW server_version_num')).rows[0].v) >= 180000;
    // Time-ordered ids like the app's UUIDv7, stamped with each row's creation time where the server can.
    const uuidAt = (ts: string): string => (pg18 ? `uuidv7(${ts} - now())` : 'gen_random_uuid()');

    await client.query('BEGIN');
    // Bulk-load practice: drop the tickets' secondary indexes (GIN full text above all: maintaining
    // it row by row is most of the load time), load, then rebuild them from their own definitions,
    // whatever the migrations named them.
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(`
      SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname = 'public' AND tablename = 'tickets'
        AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'tickets'::regclass)`);
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    await client.query(
      `
      CREATE TEMP TABLE bench_orgs ON COMMIT DROP AS
      SELECT idx::int, ${pg18 ? 'uuidv7()' : 'gen_random_uuid()'} AS id, size::int,
             LEAST(40, 3 + ceil(size / 800.0))::int AS user_count, NULL::uuid[] AS user_ids
      FROM unnest($1::int[]) WITH ORDINALITY AS s(size, idx)`,
      [sizes],
    );
    await client.query(`
      INSERT INTO organizations (id, name, slug, created_at, updated_at)
      SELECT id, 'Bench Organization ' || idx, 'bench-org-' || idx, now() - interval '800 days', now() - interval '800 days'
      FROM bench_orgs`);
    await client.query(
      `
      INSERT INTO users (id, organization_id, email, name, password_hash, role, status, created_at, updated_at)
      SELECT ${pg18 ? 'uuidv7()' : 'gen_random_uuid()'}, o.id, 'agent' || n || '@org' || o.idx || '.bench.test',
             'Agent ' || n || ' of org ' || o.idx, $1,
             CASE WHEN n = 1 THEN 'owner' WHEN n <= 3 THEN 'admin' ELSE 'member' END, 'active',
             now() - interval '790 days', now() - interval '790 days'
      FROM bench_orgs o CROSS JOIN LATERAL generate_series(1, o.user_count) n`,
      [DUMMY_HASH],
    );
    // One live login per user: access tokens name their session, and the guard checks it is live.
    await client.query(`
      INSERT INTO refresh_sessions (id, organization_id, user_id, family_id, token_hash, expires_at, created_at)
      SELECT gen_random_uuid(), organization_id, id, gen_random_uuid(), encode(sha256(id::text::bytea), 'hex'),
             now() + interval '30 days', now()
      FROM users`);
    await client.query(`
      UPDATE bench_orgs o SET user_ids = u.ids
      FROM (SELECT organization_id, array_agg(id ORDER BY email) ids FROM users GROUP BY organization_id) u
      WHERE u.organization_id = o.id`);

    // One statement for every ticket. search_vector is a stored generated column: PostgreSQL
    // computes it from subject and description, the insert must not name it. `age` is 0 for an organization's newest ticket and 1 for its
    // oldest (two years back); older tickets are mostly resolved or closed, recent ones open.
    await client.query(
      `
      INSERT INTO tickets (id, organization_id, number, subject, description, status, priority, requester_email,
                           assignee_id, tags, created_by, version, resolved_at, closed_at, created_at, updated_at)
      WITH base AS (
        SELECT o.id AS org_id, o.user_ids, n,
               now() - make_interval(secs => (1 - n::float8 / o.size) * 730 * 86400 + random() * 3600) AS created_at,
               1 - n::float8 / o.size AS age,
               random() AS r_status, random() AS r_priority, random() AS r_tags, random() AS r_assignee,
               random() AS r_creator, random() AS r_email, random() AS r_subject, random() AS r_len, random() AS r_time
        FROM bench_orgs o CROSS JOIN LATERAL generate_series(1, o.size) n
      ), shaped AS (
        SELECT b.*,
               CASE WHEN b.age < 0.03 THEN
                      CASE WHEN r_status < 0.55 THEN 'open' WHEN r_status < 0.85 THEN 'pending' ELSE 'resolved' END
                    ELSE
                      CASE WHEN r_status < 0.04 THEN 'open' WHEN r_status < 0.08 THEN 'pending'
                           WHEN r_status < 0.28 THEN 'resolved' ELSE 'closed' END
               END AS status
        FROM base b
      ), timed AS (
        SELECT s.*,
               CASE WHEN status IN ('resolved', 'closed')
                    THEN LEAST(now(), created_at + make_interval(secs => 600 + r_time * 5 * 86400)) END AS resolved_at
        FROM shaped s
      )
      SELECT ${uuidAt('t.created_at')}, t.org_id, t.n,
             ($1::text[])[1 + floor(t.r_subject * array_length($1::text[], 1))::int],
             array_to_string(ARRAY(
               SELECT ($2::text[])[1 + floor(random() * array_length($2::text[], 1))::int]
               FROM generate_series(1, 2 + floor(t.r_len * 7)::int + (t.n % 1))
             ), ' '),
             t.status,
             CASE WHEN r_priority < 0.2 THEN 'low' WHEN r_priority < 0.7 THEN 'normal'
                  WHEN r_priority < 0.92 THEN 'high' ELSE 'urgent' END,
             CASE WHEN r_email < 0.9 THEN 'customer' || floor(r_email * 20000)::int || '@example.com' END,
             CASE WHEN r_assignee < 0.15 THEN NULL
                  ELSE t.user_ids[1 + floor(r_assignee * array_length(t.user_ids, 1))::int] END,
             COALESCE(ARRAY(
               SELECT DISTINCT ($3::text[])[1 + floor(random() * array_length($3::text[], 1))::int]
               FROM generate_series(1, floor(t.r_tags * 4)::int + (t.n % 1))
             ), '{}'),
             t.user_ids[1 + floor(r_creator * array_length(t.user_ids, 1))::int],
             1 + floor(r_time * 4)::int,
             t.resolved_at,
             CASE WHEN t.status = 'closed' THEN LEAST(now(), t.resolved_at + interval '1 day') END,
             t.created_at,
             GREATEST(t.created_at, t.resolved_at, LEAST(now(), t.created_at + make_interval(secs => r_time * 2 * 86400)))
      FROM timed t`,
      [subjects(3000), sentences(6000), TAGS],
    );
    for (const index of indexes) await client.query(index.definition);
    await client.query(`
      INSERT INTO ticket_counters (organization_id, last_number)
      SELECT organization_id, max(number) FROM tickets GROUP BY organization_id`);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE organizations, users, tickets, ticket_counters');

    const orgs = await client.query<{ id: string; tickets: number; users: number }>(`
      SELECT o.id, o.size AS tickets, o.user_count AS users FROM (
        SELECT t.organization_id AS id, count(*)::int AS size,
               (SELECT count(*)::int FROM users u WHERE u.organization_id = t.organization_id) AS user_count
        FROM tickets t GROUP BY t.organization_id) o ORDER BY o.size DESC`);
    const users = await client.query<SeededUser>(`
      SELECT u.id, u.organization_id AS "organizationId", u.role, s.family_id AS "sessionId" FROM users u
      JOIN ticket_counters c ON c.organization_id = u.organization_id
      JOIN refresh_sessions s ON s.user_id = u.id ORDER BY u.organization_id, u.email`);
    const total = orgs.rows.reduce((sum, o) => sum + o.tickets, 0);
    return { organizations: orgs.rows, users: users.rows, tickets: total, seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/** How often each benchmark search query matches, as a sanity check that full text is meaningful. */
export async function searchSelectivity(superuserUrl: string): Promise<Array<{ q: string; matches: number }>> {
  const client = new Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    const out: Array<{ q: string; matches: number }> = [];
    for (const q of SEARCH_QUERIES) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM tickets t
         WHERE t.search_vector @@ websearch_to_tsquery('english', $1)`,
        [q],
      );
      out.push({ q, matches: rows[0].n });
    }
    return out;
  } finally {
    await client.end();
  }
}
