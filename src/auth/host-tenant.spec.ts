import { slugFromHost } from './host-tenant';

describe('slugFromHost', () => {
  const base = 'deskbase.example.com';

  it('reads the one label in front of the base domain, whatever the case, port or trailing dot', () => {
    expect(slugFromHost('acme-1f2e3d.deskbase.example.com', base)).toBe('acme-1f2e3d');
    expect(slugFromHost('ACME-1F2E3D.Deskbase.Example.COM', base)).toBe('acme-1f2e3d');
    expect(slugFromHost('acme.deskbase.example.com:8443', base)).toBe('acme');
    expect(slugFromHost('acme.deskbase.example.com.', base)).toBe('acme');
    expect(slugFromHost('acme.deskbase.example.com', '.Deskbase.example.com.')).toBe('acme');
  });

  it('names no tenant for the base itself, other domains, deeper subdomains or odd labels', () => {
    for (const host of [
      'deskbase.example.com',
      'example.com',
      'acme.deskbase.example.org',
      'evil-deskbase.example.com',
      'a.b.deskbase.example.com',
      '-acme.deskbase.example.com',
      'acme-.deskbase.example.com',
      'ac_me.deskbase.example.com',
      `${'a'.repeat(81)}.deskbase.example.com`,
      '127.0.0.1',
      '',
    ]) {
      expect(slugFromHost(host, base)).toBeNull();
    }
  });
});
