import { type DynamicModule, Module } from '@nestjs/common';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import type { AppConfig } from './core/config/app-config';
import { CoreModule } from './core/core.module';
import { HealthModule } from './health/health.module';
import { WorkerPresenceModule } from './health/worker-presence.module';
import { InvitationsModule } from './invitations/invitations.module';
import { MetricsEndpointModule } from './metrics/metrics-endpoint.module';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';
import { TicketsModule } from './tickets/tickets.module';
import { UsersModule } from './users/users.module';

/** The API process. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        HealthModule,
        WorkerPresenceModule,
        MetricsEndpointModule,
        QueueDashboardModule,
        AuthModule,
        UsersModule,
        InvitationsModule,
        ApiKeysModule,
        TicketsModule,
      ],
    };
  }
}
