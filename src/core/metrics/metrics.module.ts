import { Global, Module } from '@nestjs/common';
import { HttpMetricsHooks } from './http-metrics.hooks';
import { Metrics } from './metrics';

/** One metrics registry per process; `Metrics` is injectable everywhere to record domain events. */
@Global()
@Module({ providers: [Metrics, HttpMetricsHooks], exports: [Metrics] })
export class MetricsModule {}
