import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './core/config/app-config';
import { CoreModule } from './core/core.module';
import { HealthModule } from './health/health.module';

/** The API process. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AppModule, imports: [CoreModule.forRoot(config), HealthModule] };
  }
}
