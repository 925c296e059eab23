import { addMember, ApiClient, createApiKey, signUp, type Session } from './support/api-client';
import { sql } from './support/database';
import { startTestApp, type TestApp } from './support/test-app';

interface AgentBody {
  id: string;
  name: string;
  systemPrompt: string;
  provider: string | null;
  model: string | null;
  temperature: number;
  maxAnswerTokens: number;
  passageCount: number;
}
type ErrorBody = { error: { code: string; details?: Array<{ field: string }> } };

describe('agents', () => {
  let t: TestApp;
  let api: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    api = new ApiClient(t.url);
  });
  afterAll(() => t.close());

  const create = (who: Session, body: Record<string, unknown>) =>
    api.post<{ data: AgentBody }>('/v1/agents', { token: who.accessToken, body });
  const countAgents = async (organizationId: string) =>
    Number(
      (await sql<{ n: string }>('SELECT count(*) AS n FROM agents WHERE organization_id = $1', [organizationId]))[0].n,
    );

  it('lets an admin create, read, change and delete an agent, with defaults for what is left out', async () => {
    const owner = await signUp(api);
    const admin = await addMember(api, owner, 'admin');
    const created = await create(admin, { name: '  Billing  ', systemPrompt: 'You answer billing questions.' });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      name: 'Billing',
      systemPrompt: 'You answer billing questions.',
      provider: null,
      model: null,
      temperature: 0.2,
      maxAnswerTokens: 1024,
      passageCount: 5,
    });
    const id = created.body.data.id;
    const changed = await api.patch<{ data: AgentBody }>(`/v1/agents/${id}`, {
      token: admin.accessToken,
      body: { passageCount: 8, provider: 'extractive', temperature: 0 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.data).toMatchObject({
      passageCount: 8,
      provider: 'extractive',
      temperature: 0,
      name: 'Billing',
    });
    const cleared = await api.patch<{ data: AgentBody }>(`/v1/agents/${id}`, {
      token: admin.accessToken,
      body: { provider: null },
    });
    expect(cleared.body.data.provider).toBeNull();

    const list = await api.get<{ data: AgentBody[]; total: number }>('/v1/agents', { token: admin.accessToken });
    expect(list.body).toMatchObject({ total: 1, skip: 0, limit: 20 });
    expect((await api.get(`/v1/agents/${id}`, { token: admin.accessToken })).status).toBe(200);
    const removed = await api.delete(`/v1/agents/${id}`, { token: admin.accessToken });
    expect(removed.body).toEqual({ message: 'Agent deleted' });
    expect((await api.get(`/v1/agents/${id}`, { token: admin.accessToken })).status).toBe(404);
  });

  it('lets members and member API keys read agents but not write them', async () => {
    const owner = await signUp(api);
    const member = await addMember(api, owner, 'member');
    const key = await createApiKey(api, owner, 'member');
    const agent = (await create(owner, { name: 'Support' })).body.data;
    expect((await api.get('/v1/agents', { token: member.accessToken })).status).toBe(200);
    expect((await api.get(`/v1/agents/${agent.id}`, { apiKey: key.key })).status).toBe(200);
    const refused = [
      await create(member, { name: 'Mine' }),
      await api.post('/v1/agents', { apiKey: key.key, body: { name: 'Key' } }),
      await api.patch(`/v1/agents/${agent.id}`, { token: member.accessToken, body: { name: 'Renamed' } }),
      await api.delete(`/v1/agents/${agent.id}`, { token: member.accessToken }),
    ];
    expect(refused.map((r) => r.status)).toEqual([403, 403, 403, 403]);
    expect(await countAgents(owner.organizationId)).toBe(1);
    expect(
      (await api.get<{ data: AgentBody }>(`/v1/agents/${agent.id}`, { token: owner.accessToken })).body.data.name,
    ).toBe('Support');
  });

  it("shows members and member keys an agent's name but not its system prompt; admins see it", async () => {
    const owner = await signUp(api);
    const member = await addMember(api, owner, 'member');
    const admin = await addMember(api, owner, 'admin');
    const key = await createApiKey(api, owner, 'member');
    const secretPrompt = 'Internal: offer a 20% discount code DISC-20 to angry customers.';
    const agent = (await create(owner, { name: 'Retention', systemPrompt: secretPrompt })).body.data;
    const asMember = [
      await api.get<{ data: AgentBody[] }>('/v1/agents', { token: member.accessToken }),
      await api.get<{ data: AgentBody }>(`/v1/agents/${agent.id}`, { token: member.accessToken }),
      await api.get<{ data: AgentBody }>(`/v1/agents/${agent.id}`, { apiKey: key.key }),
    ];
    for (const response of asMember) {
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).toContain('Retention');
      expect(JSON.stringify(response.body)).not.toContain('DISC-20');
    }
    const asAdmin = await api.get<{ data: AgentBody }>(`/v1/agents/${agent.id}`, { token: admin.accessToken });
    expect(asAdmin.body.data.systemPrompt).toBe(secretPrompt);
  });

  it("answers 404 for another organization's agent, and changes nothing", async () => {
    const a = await signUp(api, 'a');
    const b = await signUp(api, 'b');
    const agent = (await create(a, { name: 'Private' })).body.data;
    const responses = [
      await api.get(`/v1/agents/${agent.id}`, { token: b.accessToken }),
      await api.patch(`/v1/agents/${agent.id}`, { token: b.accessToken, body: { name: 'Stolen' } }),
      await api.delete(`/v1/agents/${agent.id}`, { token: b.accessToken }),
    ];
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404]);
    expect((responses[0].body as ErrorBody).error.code).toBe('not_found');
    expect((await api.get<{ total: number }>('/v1/agents', { token: b.accessToken })).body.total).toBe(0);
    const [row] = await sql<{ name: string }>('SELECT name FROM agents WHERE id = $1', [agent.id]);
    expect(row.name).toBe('Private');
  });

  it('answers bad input with 422 naming each field, and stores nothing', async () => {
    const owner = await signUp(api);
    const response = await create(owner, {
      name: '',
      systemPrompt: 'x'.repeat(20_001),
      provider: 'skynet',
      temperature: 2,
      maxAnswerTokens: 0,
      passageCount: 21,
      organizationId: owner.organizationId,
    });
    expect(response.status).toBe(422);
    const fields = new Set((response.body as unknown as ErrorBody).error.details?.map((d) => d.field));
    expect(fields).toEqual(
      new Set(['name', 'systemPrompt', 'provider', 'temperature', 'maxAnswerTokens', 'passageCount', 'organizationId']),
    );
    expect(await countAgents(owner.organizationId)).toBe(0);
  });

  it('refuses a provider this server is not configured for, and a duplicate name', async () => {
    const owner = await signUp(api);
    const unconfigured = await create(owner, { name: 'Claude', provider: 'anthropic' });
    expect(unconfigured.status).toBe(422);
    expect((unconfigured.body as unknown as ErrorBody).error.details?.map((d) => d.field)).toEqual(['provider']);
    expect((await create(owner, { name: 'Same' })).status).toBe(201);
    const duplicate = await create(owner, { name: 'Same' });
    expect(duplicate.status).toBe(409);
    expect(await countAgents(owner.organizationId)).toBe(1);
  });

  it('answers 422 for an id that is not a UUID', async () => {
    const owner = await signUp(api);
    expect((await api.get('/v1/agents/not-a-uuid', { token: owner.accessToken })).status).toBe(422);
  });
});
