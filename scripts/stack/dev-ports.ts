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
  return [
    ...processesOf('api', 'dist/main.js', apiProcesses, {
      variable: 'PORT',
      port: apiPort,
      metrics: apiMetrics,
      path: '/v1',
    }),
    ...processesOf('worker', 'dist/worker.js', workerProcesses, {
      variable: 'WORKER_HEALTH_PORT',
      port: workerPort,
      metrics: workerMetrics,
      path: '/health/ready',
    }),
  ];
}

interface Layout {
  /** The variable that sets the process's main port. */
  variable: string;
  port: number;
  metrics: number;
  /** What the banner shows on the main port. */
  path: string;
}

function processesOf(kind: string, script: string, count: number, layout: Layout): DevProcess[] {
  return Array.from({ length: count }, (_, i): DevProcess => {
    const port = layout.port + 10 * i;
    const metrics = layout.metrics + 10 * i;
    return {
      name: `${kind} ${i + 1}`,
      script,
      env: { [layout.variable]: String(port), METRICS_PORT: String(metrics) },
      ports: `http://127.0.0.1:${port}${layout.path}   metrics http://127.0.0.1:${metrics}/metrics`,
    };
  });
}
