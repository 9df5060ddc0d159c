/**
 * The stores the service uses, opened from the same environment variables. Loaded when a
 * command runs, so that `--help` and usage errors answer without loading the store drivers.
 */
export async function openStores(dataDir: string) {
  const { openStores: open, storeConfigFromEnv } = await import('@fresh/stores');
  return open({ ...storeConfigFromEnv(), dataDir });
}

/** The access store alone (API keys, idempotency answers): service.db, or MongoDB likewise. */
export async function openAccessStore(dataDir: string) {
  const { openAccessStore: open, storeConfigFromEnv } = await import('@fresh/stores');
  return open({ ...storeConfigFromEnv(), dataDir });
}
