/**
 * The V8 flags the API and the worker run with, wherever they run: the image (Dockerfile), the
 * Kubernetes manifests (their spec checks they match) and `npm run start:*` write the same list;
 * the launcher and the benchmarks read it here.
 *
 * A young generation of at most 2 x 8 MB: V8 otherwise grows it to 2 x 32 MB while the app boots
 * (most of what Nest allocates then survives) and keeps it, about 40 MB of an idle process's
 * resident memory. A smaller one means more frequent scavenges under load: `npm run bench`
 * measures that cost against a server without the flag (the "app, V8 default heap" row).
 *
 * `--expose-gc`: once listening, the process runs one memory-reducing collection to give back
 * what the boot left behind (src/core/lifecycle/release-boot-garbage.ts); nothing else calls it.
 */
export const NODE_FLAGS = ['--max-semi-space-size=8', '--expose-gc'];
