import { readFileSync } from 'node:fs';

/**
 * Resident memory of another process, in bytes, from Linux's /proc (heap, buffers, native
 * allocations: everything the kernel's OOM killer counts); null where /proc is not available.
 */
export function residentBytes(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'latin1');
    const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
