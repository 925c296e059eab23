import type { KMeansOptions } from './k-means';

/** What the training process is asked, one request at a time. */
export type TrainingRequest =
  /** Train centroids on a sample; the process keeps them for the assignments that follow. */
  | { kind: 'train'; sample: Float32Array; options: KMeansOptions }
  /** The nearest list of each vector, by the centroids trained last. */
  | { kind: 'assign'; vectors: Float32Array };

/** Each answer carries the CPU time the process has used so far (ms), for the training's log line. */
export type TrainingAnswer = { cpuMs: number } & (
  { kind: 'train'; centroids: Float32Array } | { kind: 'assign'; lists: Int32Array }
);
