import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobLifecycle } from './job-lifecycle';

/** What every worker process runs beside its processors: job metrics and the shutdown drain. */
@Module({ imports: [DiscoveryModule], providers: [JobLifecycle], exports: [JobLifecycle] })
export class WorkerRuntimeModule {}
