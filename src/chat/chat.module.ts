import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { AgentsModule } from '../agents/agents.module';
import { EntitlementsModule } from '../plans/entitlements.module';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { AnswerProviders } from './providers/answer-providers';
import { QueryRephraser } from './query-rephraser';
import { StreamSlots } from './stream-slots';

export interface ChatModuleOptions {
  /**
   * A module exporting PASSAGE_RETRIEVER (the port the knowledge base declares, so chat needs
   * nothing of knowledge but that contract): the knowledge base, bound where the application is
   * assembled, or a fixture in tests.
   */
  passageRetrieval: Type | DynamicModule;
}

@Module({})
export class ChatModule {
  static forRoot(options: ChatModuleOptions): DynamicModule {
    return {
      module: ChatModule,
      imports: [AgentsModule, EntitlementsModule, options.passageRetrieval],
      controllers: [ChatController, ConversationsController],
      providers: [ChatService, ConversationsService, AnswerProviders, QueryRephraser, StreamSlots],
    };
  }
}
