import { isAbsolute, relative, resolve } from 'node:path';

/** How the notary signs and how often it issues checkpoints (API.md, "Running"; docs/auditors.md). */
export interface NotaryConfig {
  /** FRESH_NOTARY_KEY: an Ed25519 private key (PEM) outside the data dir; unsigned without it. */
  keyFile?: string;
  /** FRESH_CHECKPOINT_EVERY_EVENTS (default 1000; 0: not by count). */
  everyEvents: number;
  /** FRESH_CHECKPOINT_EVERY_MINUTES (default 60; 0: not by time). */
  everyMinutes: number;
}

export class NotaryConfigError extends Error {}

const count = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text))
    throw new NotaryConfigError(`${name} must be a whole number, not "${text}"`);
  return Number(text);
};

export function notaryConfigFromEnv(env: NodeJS.ProcessEnv, dataDir: string): NotaryConfig {
  const keyFile = env.FRESH_NOTARY_KEY ? resolve(env.FRESH_NOTARY_KEY) : undefined;
  if (keyFile) {
    const inside = relative(resolve(dataDir), keyFile);
    if (!inside.startsWith('..') && !isAbsolute(inside)) {
      throw new NotaryConfigError(
        'FRESH_NOTARY_KEY must be outside the data dir: whoever can write the data could sign with it',
      );
    }
  }
  return {
    keyFile,
    everyEvents: count(env, 'FRESH_CHECKPOINT_EVERY_EVENTS', 1000),
    everyMinutes: count(env, 'FRESH_CHECKPOINT_EVERY_MINUTES', 60),
  };
}
