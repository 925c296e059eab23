import type { ChildProcess } from 'node:child_process';
import { forkBackground } from '../../worker/fork-background';
import type { KMeansOptions } from './k-means';
import type { TrainingAnswer, TrainingRequest } from './partition-training';

/** The longest a training may take, all requests together, before its process is killed. */
const TRAINING_TIMEOUT_MS = 15 * 60_000;

/**
 * One training's child process (see partition-training.entry): trains centroids, then assigns
 * pages of vectors to them. Requests go one at a time; the process ends with `close()`, on its
 * time limit, or with the worker.
 */
export class PartitionTrainingProcess {
  private readonly child: ChildProcess = forkBackground(__dirname, 'partition-training.entry');
  private readonly deadline = setTimeout(() => this.child.kill('SIGKILL'), TRAINING_TIMEOUT_MS).unref();
  /** CPU time the process has used (ms), as its last answer said. */
  cpuMs = 0;

  async train(sample: Float32Array, options: KMeansOptions): Promise<Float32Array> {
    const answer = await this.ask({ kind: 'train', sample, options });
    return answer.kind === 'train' ? answer.centroids : new Float32Array(0);
  }

  async assign(vectors: Float32Array): Promise<Int32Array> {
    const answer = await this.ask({ kind: 'assign', vectors });
    return answer.kind === 'assign' ? answer.lists : new Int32Array(0);
  }

  close(): void {
    clearTimeout(this.deadline);
    this.child.kill('SIGKILL');
  }

  private ask(request: TrainingRequest): Promise<TrainingAnswer> {
    return new Promise((resolve, reject) => {
      if (this.child.exitCode !== null || this.child.signalCode !== null) {
        reject(new Error('the partition training process ended'));
        return;
      }
      const onExit = (): void => reject(new Error('the partition training process ended'));
      this.child.once('exit', onExit);
      this.child.once('message', (answer: TrainingAnswer) => {
        this.child.off('exit', onExit);
        this.cpuMs = answer.cpuMs;
        resolve(answer);
      });
      this.child.send(request);
    });
  }
}
