import { randomBytes } from 'node:crypto';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const secret = randomBytes(32).toString('hex');
  const seal = new SecretBox(secret, 'test-label');

  it('opens what it sealed, for any token, and never shows the token in the sealed form', () => {
    for (let i = 0; i < 50; i++) {
      const token = `rst_${randomBytes(1 + (i % 40)).toString('base64url')}`;
      const sealed = seal.seal(token);
      expect(sealed).not.toContain(token.slice(4));
      expect(seal.open(sealed)).toBe(token);
    }
  });

  it('seals the same token differently each time', () => {
    expect(seal.seal('inv_same')).not.toBe(seal.seal('inv_same'));
  });

  it('refuses a sealed value altered anywhere, or sealed under another secret or label', () => {
    const sealed = seal.seal('inv_token');
    const raw = Buffer.from(sealed, 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const altered = Buffer.from(raw);
      altered[i] ^= 0x01;
      expect(seal.open(altered.toString('base64url'))).toBeNull();
    }
    expect(new SecretBox(randomBytes(32).toString('hex'), 'test-label').open(sealed)).toBeNull();
    expect(new SecretBox(secret, 'another-label').open(sealed)).toBeNull();
    expect(seal.open('')).toBeNull();
  });
});
