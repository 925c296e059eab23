import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../src/core/database/data-source-options';
import { testConfig } from './support/test-config';

describe('migrations and entities', () => {
  it('agree: the migrated schema needs no change to match the entities', async () => {
    const dataSource = await new DataSource(dataSourceOptions(testConfig(), 'deskbase-drift-check')).initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      // A failure lists the SQL a new migration needs: run `npm run migration:generate`.
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
      expect(await dataSource.showMigrations()).toBe(false);
    } finally {
      await dataSource.destroy();
    }
  });
});
