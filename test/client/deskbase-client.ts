import createClient from 'openapi-fetch';
import type { paths } from './generated/deskbase-api';

/**
 * What a client author writes against the generated types: no casts, no `any`, compiled with
 * `--strict` (test/generated-client.e2e-spec.ts generates the types, compiles this file and
 * runs it against the test app).
 */
export interface ScenarioResult {
  ticketNumber: number;
  listedSubjects: string[];
  listTotal: number;
  commentBody: string;
  updatedVersion: number;
  conflictCode: string;
  conflictStatus: number;
}

const failed = (step: string, status: number, error: unknown): Error =>
  new Error(`${step} answered ${status}: ${JSON.stringify(error)}`);

export async function runClientScenario(baseUrl: string, email: string): Promise<ScenarioResult> {
  const client = createClient<paths>({ baseUrl });
  const password = 'correct horse battery staple';

  const signup = await client.POST('/v1/auth/signup', {
    body: { organizationName: 'Generated Client Inc', name: 'Gen Client', email, password },
  });
  if (!signup.data) throw failed('signup', signup.response.status, signup.error);

  const login = await client.POST('/v1/auth/login', { body: { email, password } });
  if (!login.data) throw failed('login', login.response.status, login.error);
  // 202 asks for a second factor instead; this account has none, so the session comes at once.
  const session = login.data.data;
  if (!('tokens' in session)) throw failed('login (second factor asked)', login.response.status, session);
  const authorization = `Bearer ${session.tokens.accessToken}`;
  const authed = createClient<paths>({ baseUrl, headers: { authorization } });

  const created = await authed.POST('/v1/tickets', {
    body: { subject: 'Printer on fire', description: 'Smoke from tray 2', priority: 'urgent', tags: ['hardware'] },
  });
  if (!created.data) throw failed('create', created.response.status, created.error);
  const ticket = created.data.data;

  const listed = await authed.GET('/v1/tickets', {
    params: { query: { status: ['open', 'pending'], priority: ['urgent'], tag: 'hardware', q: 'printer', limit: 10 } },
  });
  if (!listed.data) throw failed('list', listed.response.status, listed.error);

  const commented = await authed.POST('/v1/tickets/{id}/comments', {
    params: { path: { id: ticket.id } },
    body: { body: 'Fire brigade called.', internal: true },
  });
  if (!commented.data) throw failed('comment', commented.response.status, commented.error);

  const updated = await authed.PATCH('/v1/tickets/{id}', {
    params: { path: { id: ticket.id } },
    body: { version: ticket.version, status: 'pending' },
  });
  if (!updated.data) throw failed('update', updated.response.status, updated.error);

  // The same version again: someone else's change would be lost, so the API answers 409.
  const stale = await authed.PATCH('/v1/tickets/{id}', {
    params: { path: { id: ticket.id } },
    body: { version: ticket.version, status: 'resolved' },
  });
  if (!stale.error) throw new Error(`a stale version answered ${stale.response.status}`);

  return {
    ticketNumber: ticket.number,
    listedSubjects: listed.data.data.map((item) => item.subject),
    listTotal: listed.data.total,
    commentBody: commented.data.data.body,
    updatedVersion: updated.data.data.version,
    conflictCode: stale.error.error.code,
    conflictStatus: stale.response.status,
  };
}
