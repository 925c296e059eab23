import { UnconfirmedSignupSweeper } from '../src/auth/unconfirmed-signup-sweeper';
import { ApiClient, signUp, uniqueEmail } from './support/api-client';
import { sql } from './support/database';
import { expectError } from './support/expect-envelope';
import { MailCatcher } from './support/mail-catcher';
import { startMailStack, type MailStack } from './support/mail-stack';

interface SessionBody {
  data: { user: { email: string; role: string; status: string }; organization: { id: string; name: string } };
}

/**
 * Signup with mail on: the address is proven by a mailed link before the organization can be
 * used, and the answer never tells whether the address already has an account.
 */
describe('signup confirmed by mail', () => {
  let stack: MailStack;
  let api: ApiClient;
  let catcher: MailCatcher;
  const password = 'a signup passphrase';

  beforeAll(async () => {
    stack = await startMailStack({ PUBLIC_APP_URL: 'https://app.deskbase.test' });
    ({ api, catcher } = stack);
  });
  afterAll(() => stack?.stop());

  const signup = (email: string, organizationName = 'Confirmed Org', chosen = password) =>
    api.post('/v1/auth/signup', { body: { organizationName, name: 'New Owner', email, password: chosen } });
  const confirm = (token: string, chosen = password) =>
    api.post<SessionBody>('/v1/auth/signup/confirm', { body: { token, password: chosen } });
  const confirmationToken = async (email: string, organizationName = 'Confirmed Org') =>
    MailCatcher.tokenOf(await catcher.waitFor(email, new RegExp(`organization ${organizationName}$`)));
  const login = (email: string, chosen = password) => api.post('/v1/auth/login', { body: { email, password: chosen } });

  it('answers a new address and a known one alike, and mails each what applies to it', async () => {
    const known = await signUp(api, 'known-owner', catcher);
    const fresh = uniqueEmail('fresh');
    const [forKnown, forFresh] = [await signup(known.email), await signup(fresh)];
    expect(forKnown.status).toBe(202);
    expect(forFresh.status).toBe(202);
    expect(Object.keys(forKnown.body)).toEqual(Object.keys(forFresh.body));
    expect(forKnown.body).toEqual({ data: { email: known.email, validMinutes: 1440 } });
    expect(forFresh.body).toEqual({ data: { email: fresh, validMinutes: 1440 } });

    const notice = await catcher.waitFor(known.email, /already have a Deskbase account/);
    expect(notice.text).not.toMatch(/token=/);
    const link = (await catcher.waitFor(fresh, /Confirm your new Deskbase organization Confirmed Org/)).text;
    expect(link).toMatch(/https:\/\/app\.deskbase\.test\/confirm-signup\?token=cnf_/);
    // The known owner's account and organization are untouched.
    expect((await login(known.email, known.password)).status).toBe(200);
    expect(await sql('SELECT 1 FROM users WHERE email = $1', [known.email])).toHaveLength(1);
  });

  it('creates nothing usable before the link is used; the link and the password together sign the owner in, once', async () => {
    const email = uniqueEmail('confirm-once');
    await signup(email);
    const token = await confirmationToken(email);
    expectError(await login(email), 401, 'unauthorized');

    expectError(await confirm(token, 'not the chosen password'), 401, 'unauthorized');
    const confirmed = await confirm(token);
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.data.user).toMatchObject({ email, role: 'owner', status: 'active' });
    expect(confirmed.body.data.organization.name).toBe('Confirmed Org');
    expect((await login(email)).status).toBe(200);

    expectError(await confirm(token), 401, 'unauthorized');
    const [row] = await sql<{ signup_confirmation_hash: string | null }>(
      'SELECT signup_confirmation_hash FROM users WHERE email = $1',
      [email],
    );
    expect(row.signup_confirmation_hash).toBeNull();
  });

  it('refuses an expired link, a forged one and one for another user', async () => {
    const email = uniqueEmail('confirm-expired');
    await signup(email);
    const token = await confirmationToken(email);
    await sql(`UPDATE users SET signup_confirmation_expires_at = now() - interval '1 second' WHERE email = $1`, [
      email,
    ]);
    expectError(await confirm(token), 401, 'unauthorized');

    const other = uniqueEmail('confirm-other');
    await signup(other);
    const otherToken = await confirmationToken(other);
    const forged = `${otherToken.slice(0, otherToken.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
    expectError(await confirm(forged), 401, 'unauthorized');
    expectError(await confirm('cnf_not-a-token'), 401, 'unauthorized');
    expect((await confirm(otherToken)).status).toBe(201);
  });

  it("lets the mailbox's owner replace a signup someone else started with their address", async () => {
    const email = uniqueEmail('pre-hijack');
    await signup(email, 'Squatter Org', 'the squatter password');
    const squatterToken = await confirmationToken(email, 'Squatter Org');
    // Whoever reads the mail cannot confirm a signup without the password chosen in it ...
    expectError(await confirm(squatterToken), 401, 'unauthorized');

    // ... and signing up again replaces the unconfirmed one, whose link stops working.
    expect((await signup(email, 'Real Org')).status).toBe(202);
    const token = await confirmationToken(email, 'Real Org');
    expectError(await confirm(squatterToken, 'the squatter password'), 401, 'unauthorized');
    expect((await confirm(token)).body.data.organization.name).toBe('Real Org');
    expect(
      await sql(
        `SELECT 1 FROM organizations WHERE name = 'Squatter Org' AND id IN (SELECT organization_id FROM users WHERE email = $1)`,
        [email],
      ),
    ).toHaveLength(0);
  });

  it('lets the worker remove an organization whose signup link expired unused, and nothing else', async () => {
    const expired = uniqueEmail('sweep-expired');
    const pending = uniqueEmail('sweep-pending');
    await signup(expired, 'Expired Org');
    await signup(pending, 'Pending Org');
    const active = await signUp(api, 'sweep-active', catcher);
    await sql(`UPDATE users SET signup_confirmation_expires_at = now() - interval '1 second' WHERE email = $1`, [
      expired,
    ]);
    const organizationOf = (email: string) => sql('SELECT organization_id FROM users WHERE email = $1', [email]);

    // Other expired signups of this suite may go in the same pass.
    expect(await stack.worker.get(UnconfirmedSignupSweeper).runOnce()).toBeGreaterThanOrEqual(1);
    expect(await organizationOf(expired)).toHaveLength(0);
    expect(await organizationOf(pending)).toHaveLength(1);
    expect((await api.get('/v1/auth/me', { token: active.accessToken })).status).toBe(200);
  });
});
