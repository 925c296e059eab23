import { MAX_RETRY_WAIT_MS, retryDelayMs } from './retry-delay';

describe('retryDelayMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('waits what Retry-After asks, in seconds or as a date, and retry-after-ms first', () => {
    expect(retryDelayMs(1, new Headers({ 'retry-after': '3' }), now)).toBe(3_000);
    expect(retryDelayMs(1, new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:07 GMT' }), now)).toBe(7_000);
    expect(retryDelayMs(1, new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
  });

  it('never waits longer than the cap, and never a negative time for a past date', () => {
    expect(retryDelayMs(1, new Headers({ 'retry-after': '86400' }), now)).toBe(MAX_RETRY_WAIT_MS);
    expect(retryDelayMs(1, new Headers({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }), now)).toBe(0);
  });

  it('backs off exponentially with jitter when the provider says nothing', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const ceiling = Math.min(500 * 2 ** (attempt - 1), MAX_RETRY_WAIT_MS);
      expect(retryDelayMs(attempt, new Headers(), now, () => 0)).toBe(ceiling / 2);
      expect(retryDelayMs(attempt, undefined, now, () => 1)).toBe(ceiling);
      expect(retryDelayMs(attempt, new Headers({ 'retry-after': 'soon' }), now, () => 1)).toBe(ceiling);
    }
  });
});
