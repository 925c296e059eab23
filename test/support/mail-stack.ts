import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { freePort } from '../../scripts/stack/free-port';
import { startRedis } from '../../scripts/stack/redis';
import { ApiClient } from './api-client';
import { startInProcessWorker } from './knowledge-client';
import { MailCatcher } from './mail-catcher';
import { startTestApp, type TestApp } from './test-app';

export interface MailStack {
  t: TestApp;
  api: ApiClient;
  catcher: MailCatcher;
  worker: INestApplicationContext;
  stop(): Promise<void>;
}

/**
 * The API and a worker (in this process) sending through a real SMTP server the test reads.
 * Its own Redis, so no other spec's worker takes these mail jobs.
 */
export async function startMailStack(overrides: Record<string, string> = {}): Promise<MailStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskbase-mail-'));
  const catcher = new MailCatcher();
  const redis = await startRedis({ dataDir, port: await freePort(), persistent: false });
  const config = { REDIS_URL: redis.url, SMTP_URL: await catcher.start(), ...overrides };
  const t = await startTestApp(config);
  const worker = await startInProcessWorker(config);
  return {
    t,
    api: new ApiClient(t.url),
    catcher,
    worker,
    stop: async () => {
      await worker.close();
      await t.close();
      await catcher.stop();
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
