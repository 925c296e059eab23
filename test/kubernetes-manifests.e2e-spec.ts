import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { parseAllDocuments } from 'yaml';
import { getMetadataStorage } from 'class-validator';
import { NODE_FLAGS } from '../scripts/stack/node-flags';
import { AppConfig } from '../src/core/config/app-config';
import { loadConfig } from '../src/core/config/load-config';
import { createFastifyAdapter } from '../src/core/http/fastify-adapter';
import { WorkerModule } from '../src/worker.module';
import { startTestApp, type TestApp } from './support/test-app';
import { testConfig } from './support/test-config';

const ROOT = join(__dirname, '..', 'deploy', 'kubernetes');

interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  command?: string[];
  ports?: Array<{ name: string; containerPort: number }>;
  env?: Array<{ name: string }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { sleep?: { seconds: number } } };
  resources?: { requests?: object; limits?: object };
}
interface Manifest {
  kind: string;
  metadata: { name: string };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  spec?: {
    template?: { spec: { containers: Container[]; terminationGracePeriodSeconds?: number } };
    scaleTargetRef?: { name: string };
  };
}

const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : entry.name.endsWith('.yaml') ? [join(dir, entry.name)] : [],
  );
const manifests: Manifest[] = files(ROOT).flatMap((file) =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((doc) => doc.toJS() as Manifest),
);
const find = (kind: string, name: string): Manifest => {
  const found = manifests.find((m) => m.kind === kind && m.metadata?.name === name);
  if (!found) throw new Error(`${kind}/${name} is missing from deploy/kubernetes`);
  return found;
};
const container = (name: string): Container => find('Deployment', name).spec!.template!.spec.containers[0];
const configMap = find('ConfigMap', 'deskbase-config').data!;
const secret = find('Secret', 'deskbase-secrets').stringData!;
const documentedVariables = [
  ...readFileSync(join(__dirname, '..', '.env.example'), 'utf8').matchAll(/^([A-Z_]+)=/gm),
].map((m) => m[1]);
/** Every variable AppConfig declares, with or without a default. */
const CONFIG_VARIABLES = [
  ...new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(AppConfig, '', true, false)
      .map((m) => m.propertyName),
  ),
];
/** The Secret an operator creates: the example's keys, each secret replaced by a value of their own. */
const operatorSecret = {
  ...secret,
  DATABASE_URL: secret.DATABASE_URL.replace('CHANGE-ME', randomBytes(24).toString('base64url')),
  JWT_SECRET: randomBytes(48).toString('base64url'),
  SMTP_URL: secret.SMTP_URL.replace('CHANGE-ME', randomBytes(24).toString('base64url')),
  QUEUE_DASHBOARD_PASSWORD: randomBytes(24).toString('base64url'),
};
/** The configuration a pod gets: the ConfigMap and the Secret together, validated as the app does at boot. */
const podConfig = loadConfig({ ...configMap, ...operatorSecret });
const probesOf = (c: Container): Probe[] =>
  [c.startupProbe, c.livenessProbe, c.readinessProbe].filter((p): p is Probe => !!p);
const portNumber = (c: Container, port: string | number): number | undefined =>
  typeof port === 'number' ? port : c.ports?.find((p) => p.name === port)?.containerPort;

describe('Kubernetes manifests', () => {
  let api: TestApp;
  let worker: NestFastifyApplication;
  let workerUrl: string;
  beforeAll(async () => {
    api = await startTestApp();
    const config = testConfig();
    worker = await NestFactory.create<NestFastifyApplication>(
      WorkerModule.forRoot(config),
      createFastifyAdapter(config),
      { logger: false, bodyParser: false },
    );
    await worker.listen({ port: 0, host: '127.0.0.1' });
    workerUrl = await worker.getUrl();
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('parse, and every Deployment and Job runs the image with envFrom the ConfigMap and Secret', () => {
    expect(manifests.map((m) => m.kind).sort()).toEqual(
      expect.arrayContaining([
        'ConfigMap',
        'Deployment',
        'Deployment',
        'HorizontalPodAutoscaler',
        'Job',
        'PodDisruptionBudget',
        'Secret',
        'Service',
      ]),
    );
    for (const m of manifests.filter((m) => ['Deployment', 'Job'].includes(m.kind))) {
      const c = m.spec!.template!.spec.containers[0];
      expect(c.envFrom).toEqual([
        { configMapRef: { name: 'deskbase-config' } },
        { secretRef: { name: 'deskbase-secrets' } },
      ]);
      expect(c.resources?.requests).toBeDefined();
      expect(c.resources?.limits).toBeDefined();
    }
    // The V8 flags the launcher and the benchmarks use, so what is measured is what is deployed.
    expect(container('deskbase-api').command).toEqual(['node', ...NODE_FLAGS, 'dist/main.js']);
    expect(container('deskbase-worker').command).toEqual(['node', ...NODE_FLAGS, 'dist/worker.js']);
    const image = readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8');
    expect(image).toContain(`CMD ${JSON.stringify(['node', ...NODE_FLAGS, 'dist/main.js']).replaceAll(',', ', ')}`);
    expect(find('Job', 'deskbase-migrate').spec!.template!.spec.containers[0].command).toContain('migration:run');
    expect(find('HorizontalPodAutoscaler', 'deskbase-api').spec!.scaleTargetRef!.name).toBe('deskbase-api');
  });

  it('leave the example Secret out of the kustomization, and the app refuses it in production', () => {
    const kustomization = parseAllDocuments(readFileSync(join(ROOT, 'kustomization.yaml'), 'utf8'))[0].toJS() as {
      resources: string[];
    };
    expect(kustomization.resources).not.toContain('secret.example.yaml');
    expect(kustomization.resources.every((file) => !/secret/i.test(file))).toBe(true);
    expect(() => loadConfig({ ...configMap, ...secret })).toThrow(/JWT_SECRET is a value published/);
  });

  it('name only variables the application reads, as .env.example documents them, and pass its validation', () => {
    const named = [...Object.keys(configMap), ...Object.keys(secret)].sort();
    expect(named.filter((name) => !CONFIG_VARIABLES.includes(name))).toEqual([]);
    expect(CONFIG_VARIABLES.filter((name) => !documentedVariables.includes(name))).toEqual([]);
    // loadConfig threw above if a required variable (DATABASE_URL, REDIS_URL, JWT_SECRET) were missing.
    expect(podConfig.NODE_ENV).toBe('production');
  });

  it('probe the real routes and ports of the API', async () => {
    const c = container('deskbase-api');
    expect(probesOf(c)).toHaveLength(3);
    for (const probe of probesOf(c)) {
      expect(portNumber(c, probe.httpGet.port)).toBe(podConfig.PORT);
      expect((await fetch(`${api.url}${probe.httpGet.path}`)).status).toBe(200);
    }
    expect(portNumber(c, 'metrics')).toBe(podConfig.METRICS_PORT);
  });

  it('probe the real routes and ports of the worker', async () => {
    const c = container('deskbase-worker');
    expect(probesOf(c)).toHaveLength(3);
    for (const probe of probesOf(c)) {
      expect(portNumber(c, probe.httpGet.port)).toBe(podConfig.WORKER_HEALTH_PORT);
      expect((await fetch(`${workerUrl}${probe.httpGet.path}`)).status).toBe(200);
    }
  });

  it('give the API a preStop delay equal to SHUTDOWN_DELAY_MS and a grace period that covers the whole shutdown', () => {
    const c = container('deskbase-api');
    expect(c.lifecycle?.preStop?.sleep?.seconds).toBe(podConfig.SHUTDOWN_DELAY_MS / 1000);
    for (const name of ['deskbase-api', 'deskbase-worker']) {
      const grace = find('Deployment', name).spec!.template!.spec.terminationGracePeriodSeconds ?? 30;
      expect(grace * 1000).toBeGreaterThan(podConfig.SHUTDOWN_DELAY_MS + podConfig.SHUTDOWN_TIMEOUT_MS);
    }
  });

  it("size the worker's memory limit for its own idle size plus one parser per concurrent job", () => {
    const limits = container('deskbase-worker').resources?.limits as { memory: string };
    const limitMb = Number(/^(\d+)Mi$/.exec(limits.memory)?.[1]);
    // The worker process idles at about 150 MB (npm start prints it); a little room on top.
    const workerIdleMb = 160;
    expect(workerIdleMb + podConfig.WORKER_CONCURRENCY * podConfig.KNOWLEDGE_PARSER_MEMORY_MB).toBeLessThanOrEqual(
      limitMb,
    );
  });

  it('expose only the API port through the Service', () => {
    const service = find('Service', 'deskbase-api') as unknown as { spec: { ports: Array<{ targetPort: string }> } };
    expect(service.spec.ports.map((p) => p.targetPort)).toEqual(['http']);
  });
});
