import { acceptedTotpStep, newTotpSecret, totpCodeAt, totpUrl } from './totp';

// RFC 6238 appendix B's SHA-1 seed ("12345678901234567890"), base32.
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const STEP = 30_000;

describe('TOTP', () => {
  it('matches the RFC 6238 test vectors (last six digits)', () => {
    const vectors: Array<[number, string]> = [
      [59, '287082'],
      [1111111109, '081804'],
      [1111111111, '050471'],
      [1234567890, '005924'],
      [2000000000, '279037'],
    ];
    for (const [seconds, code] of vectors) expect(totpCodeAt(RFC_SECRET, seconds * 1000)).toBe(code);
  });

  it('accepts the code of the current step and of one step either side, not two', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_000_000;
    const step = Math.floor(now / STEP);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now), now, null)).toBe(step);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now - STEP), now, null)).toBe(step - 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now + STEP), now, null)).toBe(step + 1);
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now - 2 * STEP), now, null)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now + 2 * STEP), now, null)).toBeNull();
  });

  it('makes each code single-use: the same or an older step is refused once a step was used', () => {
    const secret = newTotpSecret();
    const now = 1_800_000_015_000;
    const code = totpCodeAt(secret, now);
    const used = acceptedTotpStep(secret, code, now, null)!;
    expect(acceptedTotpStep(secret, code, now + 5_000, used)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now - STEP), now, used)).toBeNull();
    expect(acceptedTotpStep(secret, totpCodeAt(secret, now + STEP), now + STEP, used)).toBe(used + 1);
  });

  it("refuses another seed's code, and anything but six digits", () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 10, 26);
    expect(acceptedTotpStep(secret, totpCodeAt(newTotpSecret(), now), now, null)).toBeNull();
    for (const code of ['', '12345', '1234567', 'abcdef', ' 12345', '12345\n']) {
      expect(acceptedTotpStep(secret, code, now, null)).toBeNull();
    }
  });

  it('gives authenticator apps an otpauth URL with the seed, issuer and account', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const url = new URL(totpUrl(secret, 'ada@example.com'));
    expect(url.protocol).toBe('otpauth:');
    expect(url.searchParams.get('secret')).toBe(secret);
    expect(url.searchParams.get('issuer')).toBe('Deskbase');
    expect(decodeURIComponent(url.pathname)).toContain('Deskbase:ada@example.com');
  });
});
