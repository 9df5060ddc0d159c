import { openStores as open, storeConfigFromEnv } from '@fresh/stores';

/** The stores the service uses, opened from the same environment variables. */
export function openStores(dataDir: string) {
  return open({ ...storeConfigFromEnv(), dataDir });
}
