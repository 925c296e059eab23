import { devProcesses } from '../scripts/stack/dev-ports';

describe('the ports the dev launcher gives its processes', () => {
  const ports = (env: Record<string, string | undefined>) =>
    Object.values(env)
      .filter((value) => value !== undefined)
      .map(Number);

  it.each([
    [{}, 1, 1],
    [{}, 3, 4],
    [{ PORT: '4100', WORKER_HEALTH_PORT: '4101' }, 2, 2],
    [{ METRICS_PORT: '9464' }, 4, 3],
  ])(
    'with %j, %i APIs and %i workers: every port distinct, and each banner line shows its own',
    (env, apis, workers) => {
      const processes = devProcesses(env, apis, workers);
      expect(processes).toHaveLength(apis + workers);
      const all = processes.flatMap((p) => ports(p.env));
      expect(new Set(all).size).toBe(all.length);
      for (const p of processes) {
        for (const port of ports(p.env)) expect(p.ports).toContain(`127.0.0.1:${port}/`);
      }
    },
  );

  it('puts the first API on PORT with metrics on PORT+2, and the first worker on 3001 with metrics on 3003', () => {
    const [api, worker] = devProcesses({}, 1, 1);
    expect(api.env).toEqual({ PORT: '3000', METRICS_PORT: '3002' });
    expect(worker.env).toEqual({ WORKER_HEALTH_PORT: '3001', METRICS_PORT: '3003' });
  });
});
