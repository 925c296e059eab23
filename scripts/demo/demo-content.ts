import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeSupportPolicyPdf } from './support-policy-pdf';

/**
 * The arguments of `seed-demo` after the credentials file: the tickets, then every help-center
 * article (Markdown and HTML from scripts/demo/help-center, the PDF rendered into `dataDir`).
 */
export async function demoSeedArguments(dataDir: string): Promise<string[]> {
  const articles = join(__dirname, 'help-center');
  const generated = join(dataDir, 'demo');
  mkdirSync(generated, { recursive: true });
  const pdf = join(generated, 'support-policy-and-service-levels.pdf');
  await writeSupportPolicyPdf(pdf);
  return [join(__dirname, 'tickets.json'), ...readdirSync(articles).map((name) => join(articles, name)), pdf];
}

/** Calls that answer from the seeded data, for the start banner. */
export function demoExampleCalls(base: string, apiKey: string): string[] {
  const key = `-H 'X-API-Key: ${apiKey}'`;
  return [
    `curl -s ${key} '${base}/v1/knowledge/search?q=void+label+refund'`,
    `curl -N ${key} -H 'content-type: application/json' -d '{"message":"How do I void a label I bought twice?"}' ${base}/v1/chat/stream`,
    `curl -s ${key} '${base}/v1/tickets?status=open&tag=billing'`,
  ];
}
