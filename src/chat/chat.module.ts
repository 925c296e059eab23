import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { EntitlementsModule } from '../billing/entitlements.module';
import { HealthModule } from '../health/health.module';
import { KnowledgeModule } from '../knowledge/knowledge.module';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { AnswerProviders } from './providers/answer-providers';
import { StreamSlots } from './stream-slots';

export interface ChatModuleOptions {
  /** A module exporting PASSAGE_RETRIEVER; the knowledge base's search unless a test brings a fixture. */
  passageRetrieval?: Type | DynamicModule;
}

@Module({})
export class ChatModule {
  static forRoot(options: ChatModuleOptions = {}): DynamicModule {
    return {
      module: ChatModule,
      imports: [HealthModule, EntitlementsModule, options.passageRetrieval ?? KnowledgeModule],
      controllers: [ChatController, ConversationsController],
      providers: [ChatService, ConversationsService, AnswerProviders, StreamSlots],
    };
  }
}
