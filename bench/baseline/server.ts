/**
 * The baseline: the least code that does the app's work for GET and POST /v1/tickets on this
 * stack. Plain Fastify + a pg Pool, the same JWT verification (jsonwebtoken with a KeyObject,
 * HS256, issuer and audience pinned), the same per-request identity check as the app's AuthGuard
 * (user, live session, two-factor rule), the same tenant transaction (START TRANSACTION;
 * set_config; ...; COMMIT, sent at once on a pipelining connection), the same SQL, and the same JSON
 * (`{ data, total, skip, limit }`, camelCase fields, X-Request-Id). No validation framework,
 * no DI, no ORM hydration, no request logging.
 *
 * Run by the bench as a child process: BASELINE_PORT, DATABASE_URL, JWT_SECRET, JWT_ISSUER,
 * JWT_AUDIENCE, DATABASE_POOL_SIZE; BASELINE_USER_LOOKUP=off skips the guard's lookup (a
 * diagnostic, to size it); BASELINE_EXTRA_CPU_US burns that much CPU in each request (a diagnostic:
 * the baseline given the app's extra cost per request, and nothing else of the app's).
 */
import { createSecretKey } from 'node:crypto';
import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import { Pool, type QueryResultRow } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import * as SQL from './sql';

const env = process.env;
// Like AccessTokenService: a KeyObject made once (a string secret is parsed as a PEM key per call).
const key = createSecretKey(Buffer.from(env.JWT_SECRET ?? '', 'utf8'));
const verifyOptions: jwt.VerifyOptions & { complete?: false } = {
  algorithms: ['HS256'],
  issuer: env.JWT_ISSUER ?? 'deskbase',
  audience: env.JWT_AUDIENCE ?? 'deskbase-api',
};
const userLookup = env.BASELINE_USER_LOOKUP !== 'off';
const extraCpuUs = Number(env.BASELINE_EXTRA_CPU_US ?? 0);

/** Busy for `us` of CPU time (not wall time: a descheduled spin would burn less): nothing allocated, so no collector work. */
function burnCpu(us: number): void {
  const cpu = (): number => {
    const { user, system } = process.cpuUsage();
    return user + system;
  };
  for (const until = cpu() + us; cpu() < until;);
}

// The app's pool settings (core/database/data-source-options.ts).
const pool = new Pool({
  connectionString: env.DATABASE_URL,
  max: Number(env.DATABASE_POOL_SIZE ?? 10),
  application_name: 'deskbase-baseline',
  statement_timeout: 15_000,
  connectionTimeoutMillis: 3_000,
  pipeline: true,
});

interface Actor {
  organizationId: string;
  userId: string;
  role: string;
}

interface TicketRow {
  id: string;
  number: number;
  subject: string;
  description: string;
  status: string;
  priority: string;
  requesterEmail: string | null;
  assigneeId: string | null;
  tags: string[];
  createdBy: string;
  version: number;
  resolvedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const iso = (date: Date | null): string | null => date?.toISOString() ?? null;

const view = (r: TicketRow) => ({
  id: r.id,
  number: r.number,
  subject: r.subject,
  description: r.description,
  status: r.status,
  priority: r.priority,
  requesterEmail: r.requesterEmail,
  assigneeId: r.assigneeId,
  tags: r.tags,
  createdBy: r.createdBy,
  version: r.version,
  resolvedAt: iso(r.resolvedAt),
  closedAt: iso(r.closedAt),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function authenticate(request: FastifyRequest): Promise<Actor> {
  const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!bearer) throw new HttpError(401, 'unauthorized', 'Authentication required');
  let claims: jwt.JwtPayload | string;
  try {
    claims = jwt.verify(bearer, key, verifyOptions);
  } catch {
    throw new HttpError(401, 'unauthorized', 'Invalid or expired access token');
  }
  if (
    typeof claims === 'string' ||
    typeof claims.sub !== 'string' ||
    typeof claims.org !== 'string' ||
    typeof claims.sid !== 'string'
  ) {
    throw new HttpError(401, 'unauthorized', 'Invalid or expired access token');
  }
  if (!userLookup) return { organizationId: claims.org, userId: claims.sub, role: String(claims.role) };
  // Like AuthGuard: users is under row-level security, so the look-up runs in the token's tenant.
  const [{ rows }] = await inTenant<{
    id: string;
    organizationId: string;
    role: string;
    requireTwoFactor: boolean;
    twoFactorEnabled: boolean;
  }>(claims.org, [SQL.USER_LOOKUP, [claims.sub, claims.org, claims.sid]]);
  const user = rows[0];
  if (!user) throw new HttpError(401, 'unauthorized', 'Invalid or expired access token');
  // The tickets routes are closed to an owner or admin who owes the organization a second factor.
  if (user.requireTwoFactor && user.role !== 'member' && !user.twoFactorEnabled)
    throw new HttpError(403, 'forbidden', 'Two-factor authentication is required');
  return { organizationId: user.organizationId, userId: user.id, role: user.role };
}

/** Like TenantTransaction.batch: BEGIN, the tenant, the statements and COMMIT in one write, one round trip. */
async function inTenant<R extends QueryResultRow>(
  organizationId: string,
  ...statements: Array<[string, unknown[]]>
): Promise<Array<{ rows: R[] }>> {
  const client = await pool.connect();
  const socket = client.connection.stream;
  socket.cork();
  const sent = [
    client.query(SQL.BEGIN),
    client.query(SQL.SET_TENANT, [organizationId]),
    ...statements.map(([sql, parameters]) => client.query<R>(sql, parameters)),
    client.query(SQL.COMMIT),
  ];
  socket.uncork();
  const settled = await Promise.allSettled(sent);
  const ended = settled[settled.length - 1].status === 'fulfilled';
  client.release(ended ? undefined : new Error('the transaction did not end'));
  const failed = settled.find((answer) => answer.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.slice(2, -1).map((answer) => (answer as PromiseFulfilledResult<{ rows: R[] }>).value);
}

const intParam = (value: unknown, fallback: number, min: number, max: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new HttpError(422, 'validation_failed', 'Validation failed');
  return n;
};

const app = Fastify({ logger: false, bodyLimit: 1_048_576, genReqId: () => uuidv7(), requestIdHeader: false });
app.addHook('onRequest', (request, reply, done) => {
  if (extraCpuUs > 0) burnCpu(extraCpuUs);
  void reply.header('x-request-id', request.id);
  done();
});
app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
  const known = error instanceof HttpError;
  void reply.status(known ? error.status : 500).send({
    error: {
      code: known ? error.code : 'internal_error',
      message: known ? error.message : 'Internal error',
      requestId: request.id,
    },
  });
});

app.get('/v1/tickets', async (request) => {
  const actor = await authenticate(request);
  const query = request.query as { skip?: string; limit?: string; q?: string };
  const skip = intParam(query.skip, 0, 0, Number.MAX_SAFE_INTEGER);
  const limit = intParam(query.limit, 20, 1, 100);
  const q = typeof query.q === 'string' && query.q.length > 0 ? query.q : undefined;
  const params = q ? [actor.organizationId, q] : [actor.organizationId];
  // Like TicketsService.list: the page and the total, together in the same tenant transaction.
  const [page, count] = await inTenant<TicketRow & { total: number }>(
    actor.organizationId,
    [SQL.listPage(!!q), [...params, limit, skip]],
    [SQL.listCount(!!q), params],
  );
  return { data: page.rows.map(view), total: count.rows[0]?.total ?? 0, skip, limit };
});

interface CreateBody {
  subject?: unknown;
  description?: unknown;
  priority?: unknown;
  tags?: unknown;
}

app.post('/v1/tickets', async (request, reply) => {
  const actor = await authenticate(request);
  const body = (request.body ?? {}) as CreateBody;
  const subject = typeof body.subject === 'string' ? body.subject.trim() : '';
  if (subject.length < 1 || subject.length > 200) throw new HttpError(422, 'validation_failed', 'Validation failed');
  const description = typeof body.description === 'string' ? body.description : '';
  const priority = typeof body.priority === 'string' ? body.priority : 'normal';
  const tags = Array.isArray(body.tags) ? [...new Set(body.tags.map((t) => String(t).trim().toLowerCase()))] : [];
  const [{ rows }] = await inTenant<TicketRow>(actor.organizationId, [
    SQL.INSERT_TICKET,
    [
      uuidv7(),
      actor.organizationId,
      subject,
      description,
      'open',
      priority,
      null,
      null,
      tags,
      actor.userId,
      null,
      null,
    ],
  ]);
  const ticket = view(rows[0]);
  void reply.status(201);
  return { data: ticket };
});

app.get('/health/live', () => ({ data: { status: 'ok' } }));

const shutdown = (): void => {
  void app
    .close()
    .then(() => pool.end())
    .finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

app.listen({ port: Number(env.BASELINE_PORT ?? 3100), host: '127.0.0.1' }).then(
  (address) => process.stdout.write(`baseline listening on ${address}\n`),
  (error: unknown) => {
    process.stderr.write(`baseline failed to start: ${String(error)}\n`);
    process.exit(1);
  },
);
