/** Records what the process writes to stdout (where pino writes JSON lines) until `restore()`. */
export function captureStdout(): {
  lines: () => Array<Record<string, unknown>>;
  text: () => string;
  restore: () => void;
} {
  const chunks: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const text = (): string => chunks.join('');
  return {
    text,
    lines: () =>
      text()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    restore: () => {
      process.stdout.write = original;
    },
  };
}
