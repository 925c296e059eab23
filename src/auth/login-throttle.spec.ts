import { slowdownDelayMs } from './login-throttle';

describe('slowdownDelayMs', () => {
  it('costs nothing up to the free attempts, then doubles from 250 ms', () => {
    expect([1, 20, 21, 22, 23, 24].map((n) => slowdownDelayMs(n, 20, 60_000))).toEqual([0, 0, 250, 500, 1000, 2000]);
  });

  it('never exceeds the ceiling, however many attempts (a delay, never a refusal)', () => {
    for (const attempts of [30, 100, 10_000, Number.MAX_SAFE_INTEGER]) {
      const delay = slowdownDelayMs(attempts, 20, 8_000);
      expect(delay).toBe(8_000);
      expect(Number.isFinite(delay)).toBe(true);
    }
  });

  it('is monotonic in the number of attempts', () => {
    let previous = 0;
    for (let attempts = 0; attempts < 200; attempts++) {
      const delay = slowdownDelayMs(attempts, 10, 30_000);
      expect(delay).toBeGreaterThanOrEqual(previous);
      previous = delay;
    }
  });
});
