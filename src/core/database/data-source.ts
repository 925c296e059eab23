import { DataSource } from 'typeorm';
import { loadConfig } from '../config/load-config';
import { migrationDataSourceOptions } from './data-source-options';

/** Entry point of the TypeORM CLI (`npm run migration:*`): the application's options, as the schema owner. */
export default new DataSource(migrationDataSourceOptions(loadConfig()));
