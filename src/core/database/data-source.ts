import { DataSource } from 'typeorm';
import { loadConfig } from '../config/load-config';
import { dataSourceOptions } from './data-source-options';

/** Entry point of the TypeORM CLI (`npm run migration:*`): same options as the application. */
export default new DataSource(dataSourceOptions(loadConfig(), 'deskbase-migrations'));
