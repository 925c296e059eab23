import { Global, Module } from '@nestjs/common';
import { ShutdownState } from './shutdown-state';

/** The process's shutdown state, one per process: probes read it, long-lived responses subscribe to it. */
@Global()
@Module({
  providers: [ShutdownState],
  exports: [ShutdownState],
})
export class LifecycleModule {}
