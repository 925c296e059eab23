import { TimeoutError, withTimeout } from './with-timeout';

describe('withTimeout', () => {
  afterEach(() => jest.useRealTimers());

  it('settles as the work does when it is in time', async () => {
    await expect(withTimeout(Promise.resolve(42), 1_000)).resolves.toBe(42);
    const failure = new Error('work failed');
    await expect(withTimeout(Promise.reject(failure), 1_000)).rejects.toBe(failure);
  });

  it('rejects with TimeoutError once the deadline passes, whatever the work does later', async () => {
    jest.useFakeTimers();
    const late = withTimeout(new Promise<never>(() => undefined), 500);
    jest.advanceTimersByTime(499);
    let settled = false;
    void late.catch(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    jest.advanceTimersByTime(1);
    await expect(late).rejects.toBeInstanceOf(TimeoutError);
  });

  it('leaves no timer behind once the work has settled', async () => {
    jest.useFakeTimers();
    await withTimeout(Promise.resolve('done'), 60_000);
    expect(jest.getTimerCount()).toBe(0);
  });
});
