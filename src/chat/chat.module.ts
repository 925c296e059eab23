import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { ChatController } from './chat.controller';
import { ChatService } from './chat.service';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';
import { PassageRetrievalModule } from './passage-retrieval.module';
import { AnswerProviders } from './providers/answer-providers';
import { StreamSlots } from './stream-slots';

export interface ChatModuleOptions {
  /** A module exporting PASSAGE_RETRIEVER: the knowledge base's search, or a test's fixture. */
  passageRetrieval?: Type | DynamicModule;
}

@Module({})
export class ChatModule {
  static forRoot(options: ChatModuleOptions = {}): DynamicModule {
    return {
      module: ChatModule,
      imports: [options.passageRetrieval ?? PassageRetrievalModule],
      controllers: [ChatController, ConversationsController],
      providers: [ChatService, ConversationsService, AnswerProviders, StreamSlots],
    };
  }
}
