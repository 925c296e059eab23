/**
 * What a process has used so far: CPU time (user and system, from /proc/<pid>/stat) in
 * milliseconds, and its write system calls and bytes written (from /proc/<pid>/io: sockets and
 * files alike). Per request, they tell what a server costs even on a machine other work shares,
 * where req/s and latency move with the neighbours' load, and whether its extra time is its own
 * code (user) or the kernel's (system). Linux only; NaN elsewhere.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ticksPerSecond = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;

export interface ProcessCounters {
  userMs: number;
  systemMs: number;
  writeCalls: number;
  bytesWritten: number;
}

const UNKNOWN: ProcessCounters = { userMs: NaN, systemMs: NaN, writeCalls: NaN, bytesWritten: NaN };

export function processCounters(pid: number | undefined): ProcessCounters {
  if (pid === undefined) return UNKNOWN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const io = readFileSync(`/proc/${pid}/io`, 'utf8');
    const counter = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(io)?.[1] ?? NaN);
    return {
      userMs: (Number(fields[11]) * 1000) / ticksPerSecond,
      systemMs: (Number(fields[12]) * 1000) / ticksPerSecond,
      writeCalls: counter('syscw'),
      bytesWritten: counter('wchar'),
    };
  } catch {
    return UNKNOWN;
  }
}
