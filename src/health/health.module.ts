import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { EmbeddingProviderModule } from '../knowledge/embedding/embedding-provider.module';
import { EmbeddingHealthIndicator } from './embedding.health';
import { RedisHealthIndicator } from './redis.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), EmbeddingProviderModule],
  controllers: [HealthController],
  providers: [RedisHealthIndicator, EmbeddingHealthIndicator],
})
export class HealthModule {}
