import { NotaryConfig, notaryConfigFromEnv } from '@fresh/notary';
import { StoreConfig, storeConfigFromEnv } from '@fresh/stores';

/** Everything the service reads from its environment (API.md, "Running"). */
export interface AppConfig {
  port: number;
  stores: StoreConfig;
  /** Largest accepted request body, in bytes. */
  bodyLimit: number;
  logLevel: string;
  /** Whether this process keeps the read models current (exactly one process per read store should). */
  projector: boolean;
  /** The notary's key and checkpoint cadence; from the environment when absent (tests). */
  notary?: NotaryConfig;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const stores = storeConfigFromEnv(env);
  return {
    port: Number(env.PORT ?? 3000),
    stores,
    bodyLimit: Number(env.FRESH_BODY_LIMIT ?? 256 * 1024),
    logLevel: env.FRESH_LOG_LEVEL ?? 'info',
    projector: (env.FRESH_PROJECTOR ?? 'on') !== 'off',
    notary: notaryConfigFromEnv(env, stores.dataDir),
  };
}
