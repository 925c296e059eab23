import { failureCodeFor } from './provider-failure';

describe('failureCodeFor', () => {
  it.each([
    [401, null, 'provider_auth_failed'],
    [403, null, 'provider_auth_failed'],
    [429, null, 'provider_rate_limited'],
    [529, null, 'provider_overloaded'],
    [504, null, 'provider_timeout'],
    [400, null, 'provider_rejected'],
    [404, null, 'provider_rejected'],
    [500, null, 'provider_error'],
    [undefined, 'overloaded_error', 'provider_overloaded'],
    [undefined, 'rate_limit_error', 'provider_rate_limited'],
    [undefined, 'authentication_error', 'provider_auth_failed'],
    [undefined, 'server_error', 'provider_error'],
    [undefined, null, 'provider_error'],
  ] as const)('status %s, type %s -> %s', (status, type, code) => {
    expect(failureCodeFor(status, type)).toBe(code);
  });
});
