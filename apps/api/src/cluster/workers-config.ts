import { ConfigError } from '@fresh/stores';
import { availableParallelism } from 'node:os';

/**
 * How many API processes serve the port (FRESH_WORKERS): the number of cores by default; `1` is
 * one process with no primary, exactly as before clustering.
 */
export function workersFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.FRESH_WORKERS;
  if (text === undefined || text === '') return availableParallelism();
  const count = Number(text);
  if (!Number.isInteger(count) || count < 1 || count > 64)
    throw new ConfigError(`FRESH_WORKERS must be a whole number from 1 to 64, not "${text}"`);
  return count;
}
