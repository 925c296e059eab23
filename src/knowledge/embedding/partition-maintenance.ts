import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../core/config/app-config';
import { TenantTransaction } from '../../core/database/tenant-transaction';
import { PeriodicSweep } from '../../organizations/periodic-sweep';
import { EMBEDDING_PROVIDER, type EmbeddingProvider } from './embedding-provider';
import { DROP_OTHER_PARTITIONS_SQL, PARTITION_SQL, VECTOR_COUNTS_SQL } from './partition-store.sql';
import { type PartitionKey, PartitionTrainer } from './partition-trainer';

/** A partition is retrained once the organization's vectors have grown (or shrunk) by this factor since it was trained. */
const RETRAIN_FACTOR = 2;

/**
 * Keeps each organization's partition fit, in the worker's background: every
 * KNOWLEDGE_RECONCILE_INTERVAL_MS a pass goes through the organizations one at a time (so one
 * training runs at a time per worker, in a low-priority child process), drops partitions of
 * another model or length than the configured ones, trains a partition for the vectors of the
 * configured model once there are EMBEDDING_PARTITION_MIN_VECTORS of them, retrains it when
 * their number has doubled or halved, and assigns vectors still without a list. Running a pass
 * twice, or in two workers at once, leaves one partition (the later training is dropped).
 */
@Injectable()
export class PartitionMaintenance implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly passes: PeriodicSweep;

  constructor(
    @Inject(EMBEDDING_PROVIDER) private readonly provider: EmbeddingProvider | null,
    dataSource: DataSource,
    private readonly tenant: TenantTransaction,
    private readonly trainer: PartitionTrainer,
    private readonly config: AppConfig,
    @InjectPinoLogger('knowledge-partition') logger: PinoLogger,
  ) {
    this.passes = new PeriodicSweep(dataSource, (id) => this.maintain(id), logger, 'knowledge.partition_failed');
  }

  onApplicationBootstrap(): void {
    if (this.provider) this.passes.start(this.config.KNOWLEDGE_RECONCILE_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    this.passes.stop();
  }

  /** One pass over every organization; returns the partitions it trained. */
  runOnce(): Promise<number> {
    return this.passes.runOnce();
  }

  /** One organization: returns the partitions it trained (0 or 1 for each vector length of the model). */
  async maintain(organizationId: string): Promise<number> {
    const provider = this.provider;
    if (!provider) return 0;
    const configured = [organizationId, provider.model, provider.dimensions ?? null];
    const counts = await this.tenant.run(organizationId, async (manager) => {
      await manager.query(DROP_OTHER_PARTITIONS_SQL, configured);
      return manager.query<Array<{ dimensions: number; count: number }>>(VECTOR_COUNTS_SQL, configured);
    });
    let trained = 0;
    for (const { dimensions, count } of counts) {
      const key: PartitionKey = { organizationId, model: provider.model, dimensions };
      const [partition] = await this.tenant.run(organizationId, (manager) =>
        manager.query<Array<{ trained_on: number; generation: number }>>(PARTITION_SQL, [
          organizationId,
          key.model,
          dimensions,
        ]),
      );
      const due = partition
        ? count >= partition.trained_on * RETRAIN_FACTOR || count * RETRAIN_FACTOR <= partition.trained_on
        : count >= this.config.EMBEDDING_PARTITION_MIN_VECTORS;
      if (due && (await this.trainer.train(key, count, partition?.generation ?? null)) !== null) trained++;
      await this.trainer.assignPending(key);
    }
    return trained;
  }
}
