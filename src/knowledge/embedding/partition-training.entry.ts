import { assignLists, trainCentroids } from './k-means';
import type { TrainingAnswer, TrainingRequest } from './partition-training';

/** Entry of the training process: k-means and assignment, the CPU-heavy part of a training, off the worker's event loop. */
let centroids: Float32Array = new Float32Array(0);
let dimensions = 1;

const cpuMs = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1_000;
};

function answer(request: TrainingRequest): TrainingAnswer {
  if (request.kind === 'train') {
    dimensions = request.options.dimensions;
    centroids = trainCentroids(request.sample, request.options);
    return { kind: 'train', centroids, cpuMs: cpuMs() };
  }
  return { kind: 'assign', lists: assignLists(request.vectors, centroids, dimensions), cpuMs: cpuMs() };
}

// The worker that forked this process is gone: nobody waits for the answers.
process.once('disconnect', () => process.exit(0));
process.on('message', (request: TrainingRequest) => process.send?.(answer(request)));
