import type { EntityManager } from 'typeorm';
import { nearestLists } from './k-means';
import type { PartitionCentroids } from './partition-centroids';

/**
 * Lists a query probes: 2.5 x the square root of the partition's lists, at least 8. With about
 * sqrt(n) lists, a query then scans about 2.5 x n^0.75 vectors (14% of 100,000, 21% of 20,000):
 * sublinear, and on bench:semantic's vectors the least that kept recall@10 against an exact
 * scan at 0.95 or more at both sizes (0.958 took 24 of 141 lists at 20,000; at 100,000, 2 of 316
 * gave 0.987). A real model's vectors are less clustered than those: measure before lowering it.
 */
const PROBES_PER_ROOT_OF_LISTS = 2.5;
const MIN_PROBES = 8;

export const probesFor = (lists: number): number =>
  Math.min(lists, Math.max(MIN_PROBES, Math.ceil(PROBES_PER_ROOT_OF_LISTS * Math.sqrt(lists))));

/**
 * The lists of the organization's partition nearest `query` (unit length), `probes` of them
 * (probesFor by default); undefined when the organization has no partition of this model and
 * length, and every vector is a candidate.
 */
export async function listsToProbe(
  manager: EntityManager,
  partitions: PartitionCentroids,
  organizationId: string,
  model: string,
  query: Float32Array,
  probes?: number,
): Promise<number[] | undefined> {
  const partition = await partitions.get(manager, organizationId, model, query.length);
  if (!partition) return undefined;
  return nearestLists(query, partition.centroids, probes ?? probesFor(partition.lists));
}
