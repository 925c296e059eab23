import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { TenantTransaction } from '../../core/database/tenant-transaction';
import { assignLists, listCountFor } from './k-means';
import { PartitionCentroids } from './partition-centroids';
import {
  CLEAR_OTHER_LISTS_SQL,
  DELETE_CENTROIDS_SQL,
  INSERT_CENTROIDS_SQL,
  LOCK_EXCLUSIVE_SQL,
  LOCK_SHARED_SQL,
  PARTITION_SQL,
  SAMPLE_SQL,
  SAVE_PARTITION_SQL,
  SET_LISTS_SQL,
  UNASSIGNED_SQL,
  VECTOR_PAGE_SQL,
} from './partition-store.sql';
import { PartitionTrainingProcess } from './partition-training-process';
import { vectorFromBytes, vectorToBytes } from './vector-codec';

/** Sample vectors per list: enough for each centroid to be a mean of many, few enough to train in seconds. */
const SAMPLE_PER_LIST = 40;
const ITERATIONS = 10;
/** Vectors read and assigned per page of a training (12 MB at 768 dimensions). */
const TRAINING_PAGE = 4_000;
/** Vectors without a list assigned per transaction in this process (a fraction of a second of CPU). */
const PENDING_PAGE = 500;

/** What a training did: the vectors it assigned, its lists, its time and its child process's CPU time. */
export interface TrainingOutcome {
  vectors: number;
  lists: number;
  sample: number;
  seconds: number;
  cpuSeconds: number;
}

/** One partition: the organization, the model and the vector length. */
export interface PartitionKey {
  organizationId: string;
  model: string;
  dimensions: number;
}

type Parameters = [string, string, number];
const parametersOf = (key: PartitionKey): Parameters => [key.organizationId, key.model, key.dimensions];

/**
 * Trains an organization's partition: k-means on a random sample, then every vector assigned to
 * its nearest centroid, both in a child process, then the new centroids and lists swapped in in
 * one transaction. Vectors written meanwhile are assigned afterwards (`assignPending`); until
 * then a query scans them with the lists it probes.
 */
@Injectable()
export class PartitionTrainer {
  constructor(
    private readonly tenant: TenantTransaction,
    private readonly partitions: PartitionCentroids,
    @InjectPinoLogger('knowledge-partition') private readonly logger: PinoLogger,
  ) {}

  /**
   * Trains a partition of about sqrt(`vectors`) lists. `generation` is the one the caller saw
   * (null: none): if another worker swapped a partition in meanwhile, this training is dropped.
   * Returns what it did, or null when it did not swap its own in.
   */
  async train(key: PartitionKey, vectors: number, generation: number | null): Promise<TrainingOutcome | null> {
    const started = performance.now();
    const lists = listCountFor(vectors);
    const sample = await this.sample(key, lists * SAMPLE_PER_LIST);
    const training = new PartitionTrainingProcess();
    try {
      const centroids = await training.train(sample, {
        lists,
        dimensions: key.dimensions,
        iterations: ITERATIONS,
      });
      const assigned = await this.assignAll(key, training);
      if (!(await this.swap(key, generation, centroids, assigned))) return null;
      const outcome: TrainingOutcome = {
        vectors: assigned.ids.length,
        lists: centroids.length / key.dimensions,
        sample: sample.length / key.dimensions,
        seconds: Math.round(performance.now() - started) / 1_000,
        cpuSeconds: Math.round(training.cpuMs) / 1_000,
      };
      this.logger.info({ ...key, ...outcome }, 'knowledge.partition_trained');
      return outcome;
    } finally {
      training.close();
    }
  }

  /** Assigns the vectors without a list to their nearest centroids; returns how many. */
  async assignPending(key: PartitionKey): Promise<number> {
    let assigned = 0;
    for (;;) {
      const count = await this.tenant.run(key.organizationId, async (manager) => {
        await manager.query(LOCK_SHARED_SQL, [key.organizationId]);
        const partition = await this.partitions.get(manager, ...parametersOf(key));
        if (!partition) return 0;
        const rows = await manager.query<Array<{ chunk_id: string; vector: Buffer }>>(UNASSIGNED_SQL, [
          ...parametersOf(key),
          PENDING_PAGE,
        ]);
        if (rows.length === 0) return 0;
        const lists = assignLists(vectorsOf(rows, key.dimensions), partition.centroids, key.dimensions);
        await manager.query(SET_LISTS_SQL, [...parametersOf(key), rows.map((row) => row.chunk_id), [...lists]]);
        return rows.length;
      });
      assigned += count;
      if (count < PENDING_PAGE) return assigned;
    }
  }

  private async sample(key: PartitionKey, size: number): Promise<Float32Array> {
    const rows = await this.tenant.run(key.organizationId, (manager) =>
      manager.query<Array<{ vector: Buffer }>>(SAMPLE_SQL, [...parametersOf(key), size]),
    );
    return vectorsOf(rows, key.dimensions);
  }

  /** Every vector's list, page by page in chunk order (each page its own short transaction). */
  private async assignAll(
    key: PartitionKey,
    training: PartitionTrainingProcess,
  ): Promise<{ ids: string[]; lists: number[] }> {
    const ids: string[] = [];
    const lists: number[] = [];
    for (let after: string | null = null; ;) {
      const rows = await this.tenant.run(key.organizationId, (manager) =>
        manager.query<Array<{ chunk_id: string; vector: Buffer }>>(VECTOR_PAGE_SQL, [
          ...parametersOf(key),
          after,
          TRAINING_PAGE,
        ]),
      );
      if (rows.length === 0) return { ids, lists };
      const page = await training.assign(vectorsOf(rows, key.dimensions));
      rows.forEach((row, index) => {
        ids.push(row.chunk_id);
        lists.push(page[index]);
      });
      after = rows[rows.length - 1].chunk_id;
    }
  }

  private swap(
    key: PartitionKey,
    generation: number | null,
    centroids: Float32Array,
    assigned: { ids: string[]; lists: number[] },
  ): Promise<boolean> {
    const parameters = parametersOf(key);
    const lists = centroids.length / key.dimensions;
    return this.tenant.run(key.organizationId, async (manager) => {
      await manager.query(LOCK_EXCLUSIVE_SQL, [key.organizationId]);
      const [current] = await manager.query<Array<{ generation: number }>>(PARTITION_SQL, parameters);
      if ((current?.generation ?? null) !== generation) return false;
      await manager.query(SAVE_PARTITION_SQL, [...parameters, lists, assigned.ids.length]);
      await manager.query(DELETE_CENTROIDS_SQL, parameters);
      const rows = Array.from({ length: lists }, (_, list) =>
        vectorToBytes(centroids.subarray(list * key.dimensions, (list + 1) * key.dimensions)),
      );
      await manager.query(INSERT_CENTROIDS_SQL, [...parameters, rows]);
      await manager.query(SET_LISTS_SQL, [...parameters, assigned.ids, assigned.lists]);
      // Vectors written while this trained were assigned with the centroids now replaced: back to none.
      await manager.query(CLEAR_OTHER_LISTS_SQL, [...parameters, assigned.ids]);
      return true;
    });
  }
}

/** Rows' vectors, one after another in one array. */
function vectorsOf(rows: Array<{ vector: Buffer }>, dimensions: number): Float32Array {
  const vectors = new Float32Array(rows.length * dimensions);
  rows.forEach((row, index) => vectors.set(vectorFromBytes(row.vector), index * dimensions));
  return vectors;
}
