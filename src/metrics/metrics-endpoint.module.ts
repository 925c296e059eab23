import { Module } from '@nestjs/common';
import { MetricsPort } from './metrics-port';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { QueueDepthCollector } from './queue-depth.collector';

/** Where Prometheus reads a process's metrics: /metrics with a token, or METRICS_PORT. */
@Module({
  controllers: [MetricsController],
  providers: [MetricsTokenGuard, MetricsPort, QueueDepthCollector],
})
export class MetricsEndpointModule {}
