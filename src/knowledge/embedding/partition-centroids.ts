import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { CENTROIDS_SQL, PARTITION_SQL } from './partition-store.sql';
import { vectorFromBytes } from './vector-codec';

/** An organization's partition of one model and length, as the query and the writers use it. */
export interface Partition {
  lists: number;
  trainedOn: number;
  generation: number;
  /** The centroid of list i at [i * dimensions, (i + 1) * dimensions). */
  centroids: Float32Array;
}

/** Centroid components kept at most (32 MB of float32): a few hundred large organizations' partitions. */
const MAX_CACHED_COMPONENTS = 8_000_000;

/**
 * Reads an organization's partition, keeping its centroids in the process between calls: each
 * call reads the partition's generation (one small row), and the centroids (up to about a
 * megabyte) only when a training has replaced them. The least recently used are dropped first.
 */
@Injectable()
export class PartitionCentroids {
  private readonly cache = new Map<string, Partition>();
  private cachedComponents = 0;

  /** Null when the organization has no partition of this model and length (every query scans all its vectors). */
  async get(
    manager: EntityManager,
    organizationId: string,
    model: string,
    dimensions: number,
  ): Promise<Partition | null> {
    const key = `${organizationId}:${model}:${dimensions}`;
    const [row] = await manager.query<Array<{ lists: number; trained_on: number; generation: number }>>(PARTITION_SQL, [
      organizationId,
      model,
      dimensions,
    ]);
    const cached = this.cache.get(key);
    if (cached) this.forget(key, cached);
    if (!row) return null;
    const partition =
      cached?.generation === row.generation
        ? cached
        : {
            lists: row.lists,
            trainedOn: row.trained_on,
            generation: row.generation,
            centroids: await this.load(manager, organizationId, model, dimensions),
          };
    // Centroids replaced between the two reads: the next call reads them again.
    if (partition.centroids.length !== partition.lists * dimensions) return null;
    this.keep(key, partition);
    return partition;
  }

  private async load(
    manager: EntityManager,
    organizationId: string,
    model: string,
    dimensions: number,
  ): Promise<Float32Array> {
    const rows = await manager.query<Array<{ list: number; vector: Buffer }>>(CENTROIDS_SQL, [
      organizationId,
      model,
      dimensions,
    ]);
    const centroids = new Float32Array(rows.length * dimensions);
    rows.forEach((row, index) => centroids.set(vectorFromBytes(row.vector), index * dimensions));
    return centroids;
  }

  private keep(key: string, partition: Partition): void {
    this.cache.set(key, partition);
    this.cachedComponents += partition.centroids.length;
    for (const [oldest, old] of this.cache) {
      if (this.cachedComponents <= MAX_CACHED_COMPONENTS || oldest === key) break;
      this.forget(oldest, old);
    }
  }

  private forget(key: string, partition: Partition): void {
    this.cache.delete(key);
    this.cachedComponents -= partition.centroids.length;
  }
}
