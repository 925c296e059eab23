import { Module } from '@nestjs/common';
import { AppConfig } from '../../core/config/app-config';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from './embedding-provider';
import { OpenAiEmbeddingProvider } from './openai-embedding-provider';
import { QueryEmbedder } from './query-embedder';

/**
 * The configured embedding provider (one per process: it paces its own requests), or null for
 * `none`, and the API's query embedder that also tells readiness how the provider is doing.
 */
@Module({
  providers: [
    {
      provide: EMBEDDING_PROVIDER,
      inject: [AppConfig],
      useFactory: (config: AppConfig): EmbeddingProvider | null =>
        config.EMBEDDING_PROVIDER === 'openai' ? new OpenAiEmbeddingProvider(config) : null,
    },
    QueryEmbedder,
  ],
  exports: [EMBEDDING_PROVIDER, QueryEmbedder],
})
export class EmbeddingProviderModule {}
