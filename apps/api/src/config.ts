import { resolve } from 'node:path';

/** Everything the service reads from its environment (API.md, "Running"). */
export interface AppConfig {
  port: number;
  dataDir: string;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  sqliteSynchronous: 'normal' | 'full';
  logLevel: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    port: Number(env.PORT ?? 3000),
    dataDir: resolve(env.FRESH_DATA_DIR ?? './data'),
    bodyLimit: Number(env.FRESH_BODY_LIMIT ?? 256 * 1024),
    sqliteSynchronous: env.FRESH_SQLITE_SYNCHRONOUS === 'full' ? 'full' : 'normal',
    logLevel: env.FRESH_LOG_LEVEL ?? 'info',
  };
}
