import type { AppConfig } from './app-config';
import { ConfigError, loadConfig } from './load-config';

/** For entry points: a bad environment prints its list of problems and exits 1, without a stack. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}
