import { type DynamicModule, Module } from '@nestjs/common';
import { AgentsModule } from './agents/agents.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { BillingModule } from './billing/billing.module';
import { ChatModule, type ChatModuleOptions } from './chat/chat.module';
import type { AppConfig } from './core/config/app-config';
import { CoreModule } from './core/core.module';
import { HealthModule } from './health/health.module';
import { WorkerPresenceModule } from './health/worker-presence.module';
import { InvitationsModule } from './invitations/invitations.module';
import { MailModule } from './mail/mail.module';
import { MetricsEndpointModule } from './metrics/metrics-endpoint.module';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';
import { TicketsModule } from './tickets/tickets.module';
import { KnowledgeModule } from './knowledge/knowledge.module';
import { UsersModule } from './users/users.module';

/** The API process. */
@Module({})
export class AppModule {
  /**
   * The assistant finds its passages in the knowledge base; `assistant` lets tests bind their
   * own passage retriever instead (see ChatModule).
   */
  static forRoot(config: AppConfig, assistant: Partial<ChatModuleOptions> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(config),
        HealthModule,
        WorkerPresenceModule,
        MetricsEndpointModule,
        QueueDashboardModule,
        MailModule,
        AuthModule,
        UsersModule.forRoot({ sessions: AuthModule }),
        InvitationsModule,
        ApiKeysModule,
        TicketsModule,
        AgentsModule,
        ChatModule.forRoot({ passageRetrieval: assistant.passageRetrieval ?? KnowledgeModule }),
        KnowledgeModule,
        BillingModule,
      ],
    };
  }
}
