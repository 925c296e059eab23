import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { DatabaseRoleCheck } from './database-role.check';
import { dataSourceOptions } from './data-source-options';
import { TenantTransaction } from './tenant-transaction';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config),
        // Boot must not hang on a database that is away: readiness reports it instead.
        retryAttempts: 0,
      }),
    }),
  ],
  providers: [DatabaseRoleCheck, TenantTransaction],
  exports: [TenantTransaction],
})
export class DatabaseModule {}
