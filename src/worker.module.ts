import { type DynamicModule, Module } from '@nestjs/common';
import { SignupSweepModule } from './auth/signup-sweep.module';
import { BillingEventsModule } from './billing/webhooks/billing-events.module';
import type { AppConfig } from './core/config/app-config';
import { CoreModule } from './core/core.module';
import { HealthModule } from './health/health.module';
import { KnowledgeIndexingModule } from './knowledge/indexing/knowledge-indexing.module';
import { MailDeliveryModule } from './mail/mail-delivery.module';
import { MetricsEndpointModule } from './metrics/metrics-endpoint.module';
import { WorkerRuntimeModule } from './worker/worker-runtime.module';

/** The worker process: BullMQ processors, its own probes and metrics, no public API. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        CoreModule.forRoot(config),
        HealthModule,
        MetricsEndpointModule,
        WorkerRuntimeModule,
        KnowledgeIndexingModule,
        MailDeliveryModule,
        BillingEventsModule,
        SignupSweepModule,
      ],
    };
  }
}
