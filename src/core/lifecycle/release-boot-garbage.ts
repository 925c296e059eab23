/**
 * Gives back the memory the boot left behind, once: a full, memory-reducing collection (V8's
 * "last resort" flavour) compacts the old generation and shrinks the young one, which V8 grew to
 * its maximum while Nest built the app and otherwise keeps at idle (its memory reducer judges the
 * boot's allocation rate too high to shrink it). About 25 MB of an idle API's resident memory
 * (bench/README.md, start-up). Under load the young generation grows back as it would have.
 *
 * Needs `--expose-gc` (scripts/stack/node-flags.ts); without it (tests, a bare `node`) it does
 * nothing. Returns the milliseconds the collection took, or undefined when it did not run.
 */
export function releaseBootGarbage(): number | undefined {
  const gc = (globalThis as { gc?: (options: object) => void }).gc;
  if (!gc) return undefined;
  const started = performance.now();
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  return Math.round(performance.now() - started);
}
