import { Global, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { WorkerPresenceIndicator } from './worker-presence.health';

/**
 * Imported by the API only: adds "every queue has a live worker" to readiness. Global so the
 * health controller finds it; the worker process does not import it and never waits for itself.
 */
@Global()
@Module({ imports: [TerminusModule], providers: [WorkerPresenceIndicator], exports: [WorkerPresenceIndicator] })
export class WorkerPresenceModule {}
