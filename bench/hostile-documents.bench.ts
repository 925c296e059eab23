/**
 * Peak resident memory of the parser process on each document of the adversarial corpus, and
 * what the worker process itself holds before and after. Figures, not assertions:
 *   npm run bench:hostile
 */
import { detectFormat } from '../src/knowledge/extraction/detect-format';
import { parseInProcess } from '../src/knowledge/extraction/parse-in-process';
import { IndexingError } from '../src/knowledge/model/indexing-error';
import { hostileDocuments, redosTexts } from '../test/support/hostile-documents';

const MB = 1024 * 1024;
const BOMB_MB = 1024;
const limits = { timeoutMs: 60_000, memoryMb: 256, maxInflatedBytes: 32 * MB };
const mb = (bytes: number): string => (bytes / MB).toFixed(0);
const say = (line: string): void => void process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  global.gc?.();
  const idle = process.memoryUsage().rss;
  say(
    `limits: parser process ${limits.memoryMb} MB resident, ${mb(limits.maxInflatedBytes)} MB inflated; bombs inflate to ${BOMB_MB} MB`,
  );
  say(`worker process idle: ${mb(idle)} MB`);
  let workerPeak = idle;
  // The ReDoS shapes also go through the Markdown and HTML parsers, as a client declaring the format sends them.
  const declared = redosTexts().flatMap((text) =>
    (['markdown', 'html'] as const).map((format) => ({ name: `${text.name} as ${format}`, bytes: text.bytes, format })),
  );
  for (const document of [...hostileDocuments(BOMB_MB), ...declared]) {
    const format = ('format' in document ? document.format : await detectFormat(document.bytes)) ?? 'refused at upload';
    if (format === 'refused at upload') {
      say(`${document.name}: refused at upload (415)`);
      continue;
    }
    let peak = 0;
    const started = Date.now();
    const outcome = await parseInProcess(document.bytes, format, limits, (stats) => (peak = stats.peakRssBytes)).then(
      () => 'ready',
      (error: unknown) => (error instanceof IndexingError ? `failed ${error.code}` : `unexpected ${String(error)}`),
    );
    workerPeak = Math.max(workerPeak, process.memoryUsage().rss);
    say(
      `${document.name} [${format}, ${mb(document.bytes.length)} MB file]: ${outcome}; parser peak ${mb(peak)} MB; ${Date.now() - started} ms`,
    );
  }
  global.gc?.();
  say(`worker process: idle ${mb(idle)} MB, peak ${mb(workerPeak)} MB, after ${mb(process.memoryUsage().rss)} MB`);
}

void main();
