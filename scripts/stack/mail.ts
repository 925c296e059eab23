import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export interface MailInboxHandle {
  /** What the app sends to (SMTP_URL). */
  smtpUrl: string;
  /** The web inbox, for people. */
  inboxUrl: string;
  /** Its REST API: `GET <apiUrl>/email` lists what arrived, for scripts. */
  apiUrl: string;
  stop: () => Promise<void>;
}

export interface MailInboxOptions {
  dataDir: string;
  smtpPort: number;
  webPort: number;
}

/**
 * A local catch-all mail server with a web inbox and a REST API (maildev, from npm), on
 * loopback only: every mail the app sends lands there, whatever its recipient.
 */
export async function startMailInbox(options: MailInboxOptions): Promise<MailInboxHandle> {
  mkdirSync(options.dataDir, { recursive: true });
  const bin = join(__dirname, '..', '..', 'node_modules', 'maildev', 'dist', 'bin', 'maildev.js');
  const args = ['--smtp', String(options.smtpPort), '--ip', '127.0.0.1', '--web', String(options.webPort)];
  args.push('--web-ip', '127.0.0.1', '--mail-directory', options.dataDir, '--silent');
  const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));

  const inboxUrl = `http://127.0.0.1:${options.webPort}`;
  for (const deadline = Date.now() + 20_000; ;) {
    if (child.exitCode !== null) throw new Error(`maildev exited: ${errors.trim()}`);
    const healthy = await fetch(`${inboxUrl}/api/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('maildev did not start within 20 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    smtpUrl: `smtp://127.0.0.1:${options.smtpPort}`,
    inboxUrl,
    apiUrl: `${inboxUrl}/api`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
