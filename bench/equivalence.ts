/**
 * The baseline must do the app's work, or the ratio measures less than what the framework and
 * our code add. Both servers run once with the pg-level recorder (sql-capture.ts); one request of
 * each scenario goes to each, and the statements each sent for it are compared in order (a
 * statement added, dropped or reshaped in the app shows up here, the guard's included). Then
 * both must answer the same JSON for the same callers.
 */
import { openSync, readSync, statSync, closeSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import type { CaptureLine, CapturedStatement } from './sql-capture';

export interface CaptureRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** What a server sent to PostgreSQL for one request: its statements, in order, and in how many socket writes. */
export interface CapturedRequest {
  statements: CapturedStatement[];
  writes: number;
}

export type CapturedRequests = Record<string, CapturedRequest>;

/** What was recorded in `file` since byte `from`. */
function capturedSince(file: string, from: number): CapturedRequest {
  const size = statSync(file).size;
  const buffer = Buffer.alloc(size - from);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    closeSync(fd);
  }
  const lines = buffer
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CaptureLine);
  const statements = lines.filter((line): line is CapturedStatement => 'sql' in line);
  return { statements, writes: lines.length - statements.length };
}

/** Sends each request once, in turn, and returns the statements the server sent while answering it. */
export async function captureRequests(
  url: string,
  file: string,
  token: string,
  requests: Record<string, CaptureRequest>,
): Promise<CapturedRequests> {
  const captured: CapturedRequests = {};
  for (const [name, { method, path, body }] of Object.entries(requests)) {
    const from = statSync(file).size;
    const response = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body,
    });
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    captured[name] = capturedSince(file, from);
  }
  return captured;
}

/** Whitespace-insensitive comparison of two statements. */
export const sameSql = (a: string, b: string): boolean =>
  a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

/**
 * Per request: true when both sent the same statements, with as many parameters, in the same
 * order, and in as many writes (round trips, when each write waits for its answers).
 */
export function compareStatements(
  app: CapturedRequests,
  baseline: CapturedRequests,
  say: (line: string) => void,
): Record<string, boolean> {
  const matches: Record<string, boolean> = {};
  for (const name of Object.keys(app)) {
    const [ours, theirs] = [app[name].statements, baseline[name]?.statements ?? []];
    const same = (i: number): boolean =>
      sameSql(ours[i]?.sql ?? '', theirs[i]?.sql ?? '') && ours[i]?.parameters.length === theirs[i]?.parameters.length;
    const length = Math.max(ours.length, theirs.length);
    const writes = [app[name].writes, baseline[name]?.writes ?? 0];
    matches[name] = writes[0] === writes[1] && Array.from({ length }, (_, i) => same(i)).every(Boolean);
    say(
      `  ${name}: app ${ours.length} statements in ${writes[0]} writes, baseline ${theirs.length} in ${writes[1]}` +
        (matches[name] ? ', identical' : ''),
    );
    for (let i = 0; i < length; i++) {
      if (same(i)) continue;
      say(`  #${i} app:      ${ours[i] ? `${ours[i].sql} (${ours[i].parameters.length} parameters)` : '(none)'}`);
      say(`  #${i} baseline: ${theirs[i] ? `${theirs[i].sql} (${theirs[i].parameters.length} parameters)` : '(none)'}`);
    }
  }
  return matches;
}

async function getJson(url: string, token: string): Promise<unknown> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** True when both servers answer every path the same for every token. */
export async function sameJson(
  appUrl: string,
  baselineUrl: string,
  tokens: string[],
  paths: string[],
  say: (line: string) => void,
): Promise<boolean> {
  let same = true;
  for (const token of tokens) {
    for (const path of paths) {
      const [a, b] = await Promise.all([getJson(appUrl + path, token), getJson(baselineUrl + path, token)]);
      if (isDeepStrictEqual(a, b)) continue;
      same = false;
      say(
        `JSON differs for ${path}: app ${JSON.stringify(a).slice(0, 300)} / baseline ${JSON.stringify(b).slice(0, 300)}`,
      );
    }
  }
  return same;
}
