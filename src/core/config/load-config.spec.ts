import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './load-config';
import { MINIMAL_ENV } from '../../../test/support/minimal-env';

describe('loadConfig', () => {
  it('applies defaults and converts numbers', () => {
    const config = loadConfig({ ...MINIMAL_ENV, PORT: '8080' });
    expect(config.PORT).toBe(8080);
    expect(config.BODY_LIMIT_BYTES).toBe(1_048_576);
    expect(config.TRUST_PROXY).toBe('false');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ ...MINIMAL_ENV, PORT: '' }).PORT).toBe(3000);
  });

  it('lists every problem in one readable message', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', REDIS_URL: 'http://nope', JWT_SECRET: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, problems } = error as ConfigError;
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual([
      'DATABASE_URL',
      'JWT_SECRET',
      'LOG_LEVEL',
      'PORT',
      'REDIS_URL',
    ]);
    expect(message).toMatch(/^Invalid configuration:\n {2}- /);
    expect(message).toContain('DATABASE_URL is missing');
    expect(message).toContain('PORT is invalid');
    expect(message).toContain('JWT_SECRET must be at least 32 characters');
    expect(message).not.toMatch(/\bat .*\.ts/);
  });

  it('refuses production without SMTP_URL unless mail is turned off on purpose', () => {
    const production = { ...MINIMAL_ENV, NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('hex') };
    expect(() => loadConfig(production)).toThrow(/SMTP_URL is missing .*MAIL_DISABLED=true/);
    expect(loadConfig({ ...production, MAIL_DISABLED: 'true' }).MAIL_DISABLED).toBe(true);
    expect(loadConfig({ ...production, SMTP_URL: 'smtp://mail.internal:587' }).SMTP_URL).toBe(
      'smtp://mail.internal:587',
    );
    expect(() => loadConfig({ ...production, SMTP_URL: 'http://mail.internal' })).toThrow(/SMTP_URL is invalid/);
    expect(() => loadConfig({ ...production, MAIL_DISABLED: 'yes' })).toThrow(/MAIL_DISABLED/);
    expect(loadConfig(MINIMAL_ENV).SMTP_URL).toBeUndefined();
  });

  it('accepts the documented TRUST_PROXY forms and refuses others', () => {
    for (const value of ['true', 'false', '2', '10.0.0.0/8, 127.0.0.1']) {
      expect(loadConfig({ ...MINIMAL_ENV, TRUST_PROXY: value }).TRUST_PROXY).toBe(value);
    }
    expect(() => loadConfig({ ...MINIMAL_ENV, TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });
});
