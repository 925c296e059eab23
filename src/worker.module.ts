import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './core/config/app-config';
import { CoreModule } from './core/core.module';
import { HealthModule } from './health/health.module';
import { KnowledgeIndexingModule } from './knowledge/indexing/knowledge-indexing.module';

/** The worker process: BullMQ processors and its own probes, no public API. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [CoreModule.forRoot(config), HealthModule, KnowledgeIndexingModule] };
  }
}
