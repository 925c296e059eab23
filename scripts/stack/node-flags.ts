/**
 * The V8 flags the API and the worker run with, wherever they run: the image (Dockerfile), the
 * Kubernetes manifests (their spec checks they match) and `npm run start:*` write the same list;
 * the launcher and the benchmarks read it here.
 *
 * `--expose-gc`: once listening, the process runs one memory-reducing collection that gives back
 * what the boot left behind (src/core/lifecycle/release-boot-garbage.ts), the young generation V8
 * grew to 2 x 32 MB while Nest booted among it; nothing else calls it. That keeps idle memory low
 * without capping the young generation (`--max-semi-space-size=8` did, at about 100 µs of CPU
 * per request in scavenges: `npm run bench` measures that cap as a diagnostic row).
 *
 * `--no-memory-reducer`: V8's memory reducer shrinks the heap a few seconds into any lull, and the
 * load that follows then runs on a small heap that V8 grows back slowly: more collections, up to
 * a fifth more CPU a request, and rounds with a p99 of 100-300 ms at half load (bench/README.md,
 * "The memory reducer": six of seven same-run comparisons favour turning it off). The cost:
 * after a burst the heap stays at what the burst needed (about 315 MB resident for the API after
 * the benchmark's load, against 162 MB with the reducer) until the next collection; the boot's
 * collection above still keeps an idle start small.
 */
export const NODE_FLAGS = ['--expose-gc', '--no-memory-reducer'];
