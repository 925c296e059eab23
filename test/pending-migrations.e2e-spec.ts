import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasPendingMigrations } from '../scripts/stack/pending-migrations';
import { testStack } from './support/test-stack';

describe('the dev launcher: is any built migration missing from the database', () => {
  // A built migrations folder: the harness's database has run every migration of src/.
  let built: string;
  beforeAll(() => {
    built = mkdtempSync(join(tmpdir(), 'deskbase-migrations-'));
    for (const file of readdirSync(join(__dirname, '..', 'src', 'core', 'database', 'migrations'))) {
      writeFileSync(join(built, file.replace(/\.ts$/, '.js')), '');
      writeFileSync(join(built, file.replace(/\.ts$/, '.js.map')), '');
    }
  });
  afterAll(() => rmSync(built, { recursive: true, force: true }));

  it('answers no when the database has run every one, so the migration CLI is skipped', async () => {
    expect(await hasPendingMigrations(testStack().ownerUrl, built)).toBe(false);
  });

  it('answers yes for a migration the database has not run', async () => {
    const future = join(built, '1899999999999-Future.js');
    writeFileSync(future, '');
    try {
      expect(await hasPendingMigrations(testStack().ownerUrl, built)).toBe(true);
    } finally {
      rmSync(future);
    }
  });

  it('answers yes when it cannot tell: no folder, or no database there', async () => {
    expect(await hasPendingMigrations(testStack().ownerUrl, join(built, 'missing'))).toBe(true);
    expect(await hasPendingMigrations('postgres://nobody:nothing@127.0.0.1:1/none', built)).toBe(true);
  });
});
