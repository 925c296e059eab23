import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DashboardLogin {
  username: string;
  password: string;
}

/**
 * The queue dashboard's login for development: the one in the environment, else one generated
 * on first start and kept in .data/queue-dashboard-credentials.json (deleted with .data).
 */
export function devQueueDashboardLogin(env: NodeJS.ProcessEnv, dataDir: string): DashboardLogin {
  if (env.QUEUE_DASHBOARD_USERNAME && env.QUEUE_DASHBOARD_PASSWORD) {
    return { username: env.QUEUE_DASHBOARD_USERNAME, password: env.QUEUE_DASHBOARD_PASSWORD };
  }
  const file = join(dataDir, 'queue-dashboard-credentials.json');
  if (!existsSync(file)) {
    const login: DashboardLogin = { username: 'operator', password: randomBytes(18).toString('base64url') };
    writeFileSync(file, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  }
  return JSON.parse(readFileSync(file, 'utf8')) as DashboardLogin;
}
