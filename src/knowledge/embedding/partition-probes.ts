import type { EntityManager } from 'typeorm';
import { nearestLists } from './k-means';
import type { PartitionCentroids } from './partition-centroids';

/**
 * Lists a query probes, as a share of the partition's lists and at least a floor: the smallest
 * settings that kept recall@10 against an exact scan at 0.95 or more in bench:semantic.
 */
const PROBE_SHARE = 0.1;
const MIN_PROBES = 8;

export const probesFor = (lists: number): number =>
  Math.min(lists, Math.max(MIN_PROBES, Math.ceil(lists * PROBE_SHARE)));

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
