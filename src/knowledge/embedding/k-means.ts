import { seededRandom } from '../../core/crypto/seeded-random';

/**
 * Spherical k-means over unit vectors, the coarse partition of an organization's vectors: each
 * list is the set of vectors nearest (by cosine, a dot product on unit vectors) to its centroid.
 * Vectors and centroids are flat Float32Arrays of `dimensions` components each, so a pass walks
 * contiguous memory.
 */

/** Lists for `vectors` vectors: about sqrt(n), so a list holds about as many vectors as there are lists. */
export const listCountFor = (vectors: number): number => Math.max(1, Math.round(Math.sqrt(vectors)));

function dotAt(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, dimensions: number): number {
  let sum = 0;
  for (let index = 0; index < dimensions; index++) sum += a[aOffset + index] * b[bOffset + index];
  return sum;
}

/** The list whose centroid is nearest the vector at `offset` of `vectors`. */
function nearestAt(vectors: Float32Array, offset: number, centroids: Float32Array, dimensions: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let list = 0, at = 0; at < centroids.length; list++, at += dimensions) {
    const score = dotAt(vectors, offset, centroids, at, dimensions);
    if (score > bestScore) {
      bestScore = score;
      best = list;
    }
  }
  return best;
}

/** The nearest list of each vector of `vectors`. */
export function assignLists(vectors: Float32Array, centroids: Float32Array, dimensions: number): Int32Array {
  const lists = new Int32Array(vectors.length / dimensions);
  for (let row = 0; row < lists.length; row++) lists[row] = nearestAt(vectors, row * dimensions, centroids, dimensions);
  return lists;
}

/** The `count` lists whose centroids are nearest `vector`, nearest first. */
export function nearestLists(vector: Float32Array, centroids: Float32Array, count: number): number[] {
  const dimensions = vector.length;
  const scores = Array.from({ length: centroids.length / dimensions }, (_, list) => ({
    list,
    score: dotAt(vector, 0, centroids, list * dimensions, dimensions),
  }));
  return scores
    .sort((a, b) => b.score - a.score || a.list - b.list)
    .slice(0, count)
    .map(({ list }) => list);
}

export interface KMeansOptions {
  lists: number;
  dimensions: number;
  iterations: number;
  seed?: number;
}

/**
 * Trains `lists` centroids on `sample` (unit vectors): starts from distinct sample vectors
 * chosen by a seeded generator, then alternates assignment and re-centring (the mean scaled to
 * unit length) until no vector changes list or `iterations` are done. A list left empty takes
 * a random sample vector, so every list has a centroid.
 */
export function trainCentroids(sample: Float32Array, options: KMeansOptions): Float32Array {
  const { dimensions } = options;
  const rows = sample.length / dimensions;
  const lists = Math.min(options.lists, rows);
  // Seeded: the same sample trains the same centroids.
  const random = seededRandom(options.seed ?? 1);
  const centroids = new Float32Array(lists * dimensions);
  const order = Array.from({ length: rows }, (_, row) => row);
  for (let list = 0; list < lists; list++) {
    // A partial Fisher-Yates shuffle: the first `lists` rows of a random order.
    const pick = list + Math.floor(random() * (rows - list));
    [order[list], order[pick]] = [order[pick], order[list]];
    centroids.set(sample.subarray(order[list] * dimensions, (order[list] + 1) * dimensions), list * dimensions);
  }
  let assigned: Int32Array = new Int32Array(rows).fill(-1);
  for (let iteration = 0; iteration < options.iterations; iteration++) {
    const next = assignLists(sample, centroids, dimensions);
    let changed = 0;
    for (let row = 0; row < rows; row++) if (next[row] !== assigned[row]) changed++;
    assigned = next;
    if (changed === 0) break;
    recentre(sample, assigned, centroids, dimensions, random);
  }
  return centroids;
}

function recentre(
  sample: Float32Array,
  assigned: Int32Array,
  centroids: Float32Array,
  dimensions: number,
  random: () => number,
): void {
  const sums = new Float64Array(centroids.length);
  const sizes = new Int32Array(centroids.length / dimensions);
  for (let row = 0; row < assigned.length; row++) {
    const at = assigned[row] * dimensions;
    sizes[assigned[row]]++;
    for (let index = 0; index < dimensions; index++) sums[at + index] += sample[row * dimensions + index];
  }
  for (let list = 0; list < sizes.length; list++) {
    const at = list * dimensions;
    if (sizes[list] === 0) {
      const row = Math.floor(random() * assigned.length);
      centroids.set(sample.subarray(row * dimensions, (row + 1) * dimensions), at);
      continue;
    }
    let norm = 0;
    for (let index = 0; index < dimensions; index++) norm += sums[at + index] * sums[at + index];
    norm = Math.sqrt(norm) || 1;
    for (let index = 0; index < dimensions; index++) centroids[at + index] = sums[at + index] / norm;
  }
}
