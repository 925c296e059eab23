import fc from 'fast-check';
import { Client } from 'pg';
import { ApiClient, signUp, type Session } from './support/api-client';
import {
  type FuzzOperation,
  type FuzzRequest,
  hostileRequest,
  type OpenApiDocument,
  operationsOf,
} from './support/openapi-fuzz';
import { startTestApp, type TestApp } from './support/test-app';
import { testStack } from './support/test-stack';

/** Fixed: a failure reproduces with the seed fast-check prints next to the shrunk request. */
const SEED = 20_261_126;
/** At least this many generated requests per run, spread over every documented operation. */
const BUDGET = 5_000;

const ERROR_CODES = [
  'bad_request',
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'unsupported_media_type',
  'validation_failed',
  'rate_limited',
  'service_unavailable',
];
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Rows per table for one organization: what a refused request must leave unchanged. */
async function tenantRowCounts(db: Client, tables: string[], organizationId: string): Promise<string> {
  const union = tables.map(
    (table) => `SELECT '${table}' AS t, count(*)::int AS n FROM ${table} WHERE organization_id = $1`,
  );
  const { rows } = await db.query<{ t: string; n: number }>(union.join(' UNION ALL '), [organizationId]);
  return rows.map((row) => `${row.t}=${row.n}`).join(' ');
}

describe('OpenAPI-driven fuzzing: every documented operation refuses hostile input in the envelope', () => {
  let t: TestApp;
  let owner: Session;
  let db: Client;
  let tables: string[];
  let operations: FuzzOperation[];
  let sent = 0;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await signUp(new ApiClient(t.url), 'fuzz');
    db = new Client({ connectionString: testStack().superuserUrl });
    await db.connect();
    const { rows } = await db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'organization_id' ORDER BY table_name`,
    );
    tables = rows.map((row) => row.table_name);
    const docs = await t.app.inject({ method: 'GET', url: '/docs/json' });
    operations = operationsOf(docs.json<OpenApiDocument>());
  });
  afterAll(async () => {
    await db.end();
    await t.close();
    // eslint-disable-next-line no-console -- the figure the issue asks for
    console.log(`openapi fuzz: ${sent} requests over ${operations.length} operations, seed ${SEED}`);
  });

  async function send(request: FuzzRequest): Promise<void> {
    const write = WRITES.has(request.method);
    const before = write ? await tenantRowCounts(db, tables, owner.organizationId) : '';
    const response = await t.app.inject({
      method: request.method as 'GET',
      url: request.url,
      headers: request.headers,
      ...(request.payload !== undefined ? { payload: request.payload } : {}),
    });
    sent++;
    const where = `${request.method} ${request.url.slice(0, 200)} (${request.label})`;
    if (response.statusCode >= 500)
      throw new Error(`${where} answered ${response.statusCode}: ${response.body.slice(0, 500)}`);
    if (response.statusCode < 400) return;
    const body = response.json<{ error?: { code?: unknown; message?: unknown; requestId?: unknown } }>();
    const envelope = body.error;
    if (
      Object.keys(body).length !== 1 ||
      !envelope ||
      !ERROR_CODES.includes(envelope.code as string) ||
      typeof envelope.message !== 'string' ||
      envelope.requestId !== response.headers['x-request-id']
    ) {
      throw new Error(`${where} answered ${response.statusCode} outside the envelope: ${response.body.slice(0, 500)}`);
    }
    if (write) {
      const after = await tenantRowCounts(db, tables, owner.organizationId);
      if (after !== before)
        throw new Error(`${where} was refused (${response.statusCode}) but stored rows: ${before} -> ${after}`);
    }
  }

  it('reads the operations from the app’s own OpenAPI document, each with a bounded numeric query', () => {
    expect(operations.length).toBeGreaterThan(20);
    for (const operation of operations) {
      for (const query of operation.queryParams) {
        if (query.schema.type === 'integer' || query.schema.type === 'number') {
          expect({
            operation: `${operation.method} ${operation.path}`,
            query: query.name,
            maximum: query.schema.maximum,
          }).toEqual(expect.objectContaining({ maximum: expect.any(Number) }));
        }
      }
    }
  });

  it(`sends at least ${BUDGET} generated hostile requests: no 5xx, every error in the envelope, nothing stored`, async () => {
    const runs = Math.ceil(BUDGET / operations.length);
    const failures: string[] = [];
    for (const operation of operations) {
      const details = await fc.check(
        fc.asyncProperty(hostileRequest(operation, owner.accessToken), (request) => send(request)),
        { seed: SEED, numRuns: runs },
      );
      // fast-check's report names the seed, the path to replay and the shrunk request with its cause.
      if (details.failed) failures.push(`${operation.method} ${operation.path}\n${fc.defaultReportMessage(details)}`);
    }
    expect(failures).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(BUDGET);
  }, 600_000);
});
