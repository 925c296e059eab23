import { assignLists, listCountFor, nearestLists, trainCentroids } from './k-means';
import { unitVector } from './vector-codec';

const DIMENSIONS = 16;

/** Points around `clusters` orthogonal axes (cluster c leans on component c), `perCluster` each. */
function clustered(clusters: number, perCluster: number): { sample: Float32Array; clusterOf: number[] } {
  const sample = new Float32Array(clusters * perCluster * DIMENSIONS);
  const clusterOf: number[] = [];
  for (let cluster = 0; cluster < clusters; cluster++) {
    for (let index = 0; index < perCluster; index++) {
      const point = new Float32Array(DIMENSIONS);
      point[cluster] = 1;
      // A little spread on the spare components, different for each point.
      point[clusters + (index % (DIMENSIONS - clusters))] = 0.1 + 0.02 * index;
      sample.set(unitVector(point), clusterOf.length * DIMENSIONS);
      clusterOf.push(cluster);
    }
  }
  return { sample, clusterOf };
}

describe('k-means partition', () => {
  it('sizes the lists at about the square root of the vectors', () => {
    expect(listCountFor(100_000)).toBe(316);
    expect(listCountFor(400)).toBe(20);
    expect(listCountFor(0)).toBe(1);
  });

  it('puts each cluster in a list of its own, and assigns new points of a cluster to that list', () => {
    const { sample, clusterOf } = clustered(4, 25);
    const centroids = trainCentroids(sample, { lists: 4, dimensions: DIMENSIONS, iterations: 20, seed: 7 });
    const lists = assignLists(sample, centroids, DIMENSIONS);
    const listOfCluster = new Map<number, Set<number>>();
    clusterOf.forEach((cluster, row) =>
      listOfCluster.set(cluster, (listOfCluster.get(cluster) ?? new Set()).add(lists[row])),
    );
    expect([...listOfCluster.values()].map((set) => set.size)).toEqual([1, 1, 1, 1]);
    expect(new Set([...listOfCluster.values()].map((set) => [...set][0])).size).toBe(4);

    const fresh = new Float32Array(DIMENSIONS);
    fresh[2] = 1;
    fresh[9] = 0.3;
    expect(nearestLists(unitVector(fresh), centroids, 1)).toEqual([...(listOfCluster.get(2) as Set<number>)]);
  });

  it('trains unit-length centroids, the same ones from the same sample and seed', () => {
    const { sample } = clustered(3, 10);
    const options = { lists: 3, dimensions: DIMENSIONS, iterations: 10, seed: 3 };
    const centroids = trainCentroids(sample, options);
    expect(trainCentroids(sample, options)).toEqual(centroids);
    for (let list = 0; list < 3; list++) {
      const centroid = centroids.subarray(list * DIMENSIONS, (list + 1) * DIMENSIONS);
      expect(Math.hypot(...centroid)).toBeCloseTo(1, 5);
    }
  });

  it('never asks for more lists than there are vectors, and fills a list left empty', () => {
    const { sample } = clustered(1, 3);
    expect(trainCentroids(sample, { lists: 10, dimensions: DIMENSIONS, iterations: 5 }).length).toBe(3 * DIMENSIONS);
    // Five identical points for two lists: one list empties and takes a sample vector again.
    const same = new Float32Array(5 * DIMENSIONS);
    for (let row = 0; row < 5; row++) same[row * DIMENSIONS] = 1;
    const centroids = trainCentroids(same, { lists: 2, dimensions: DIMENSIONS, iterations: 5 });
    expect(centroids.every(Number.isFinite)).toBe(true);
    expect(centroids[0]).toBeCloseTo(1, 5);
    expect(centroids[DIMENSIONS]).toBeCloseTo(1, 5);
  });

  it('orders the nearest lists nearest first', () => {
    const centroids = new Float32Array(3 * DIMENSIONS);
    centroids[0] = 1;
    centroids[DIMENSIONS + 1] = 1;
    centroids[2 * DIMENSIONS + 2] = 1;
    const query = new Float32Array(DIMENSIONS);
    query[0] = 0.2;
    query[1] = 0.9;
    query[2] = 0.5;
    expect(nearestLists(query, centroids, 2)).toEqual([1, 2]);
  });
});
