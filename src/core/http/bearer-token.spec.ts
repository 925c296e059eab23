import { bearerToken } from './bearer-token';

describe('bearerToken', () => {
  it('takes the token of a Bearer header, whatever the case of the scheme', () => {
    expect(bearerToken('Bearer abc.def')).toBe('abc.def');
    expect(bearerToken('bearer   dsk_a_b')).toBe('dsk_a_b');
  });

  it('finds nothing in another scheme, an empty token, two tokens or no header', () => {
    for (const header of ['Basic dXNlcjpwYXNz', 'Bearer ', 'Bearer a b', 'Bearerabc', 'abc', '', undefined]) {
      expect(bearerToken(header)).toBeUndefined();
    }
  });
});
