/** The ports of one process the launcher starts, and the environment that puts it there. */
export interface DevProcess {
  name: string;
  script: string;
  env: NodeJS.ProcessEnv;
  /** Where it listens, for the start banner. */
  ports: string;
}

/**
 * Process i of each kind sits 10 ports above process i-1. The API serves on PORT (3000) and
 * its metrics on PORT+2; a worker serves its probes on WORKER_HEALTH_PORT (3001) and its metrics
 * on that +2. METRICS_PORT, when set, moves the first API's metrics port (the first worker's
 * follows one above).
 */
export function devProcesses(env: NodeJS.ProcessEnv, apiProcesses: number, workerProcesses: number): DevProcess[] {
  const apiPort = Number(env.PORT ?? 3000);
  const workerPort = Number(env.WORKER_HEALTH_PORT ?? 3001);
  const chosenMetrics = Number(env.METRICS_PORT ?? 0);
  const apiMetrics = chosenMetrics > 0 ? chosenMetrics : apiPort + 2;
  const workerMetrics = chosenMetrics > 0 ? chosenMetrics + 1 : workerPort + 2;
  const url = (port: number, path: string): string => `http://127.0.0.1:${port}${path}`;
  const apis = Array.from({ length: apiProcesses }, (_, i): DevProcess => {
    const port = apiPort + 10 * i;
    const metrics = apiMetrics + 10 * i;
    return {
      name: `api ${i + 1}`,
      script: 'dist/main.js',
      env: { PORT: String(port), METRICS_PORT: String(metrics) },
      ports: `${url(port, '/v1')}   metrics ${url(metrics, '/metrics')}`,
    };
  });
  const workers = Array.from({ length: workerProcesses }, (_, i): DevProcess => {
    const port = workerPort + 10 * i;
    const metrics = workerMetrics + 10 * i;
    return {
      name: `worker ${i + 1}`,
      script: 'dist/worker.js',
      env: { WORKER_HEALTH_PORT: String(port), METRICS_PORT: String(metrics) },
      ports: `${url(port, '/health/ready')}   metrics ${url(metrics, '/metrics')}`,
    };
  });
  return [...apis, ...workers];
}
