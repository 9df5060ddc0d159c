import { resolve } from 'node:path';

/** Which stores to use, from the environment (API.md, "Running"). */
export interface StoreConfig {
  dataDir: string;
  eventStore:
    { kind: 'sqlite'; synchronous: 'normal' | 'full' } | { kind: 'esdb'; connectionString: string };
  readStore: { kind: 'embedded' } | { kind: 'mongo'; uri: string };
}

/** A setting that cannot work, said in one line. */
export class ConfigError extends Error {}

export function storeConfigFromEnv(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  const dataDir = resolve(env.FRESH_DATA_DIR ?? './data');
  const eventStoreKind = env.FRESH_EVENT_STORE ?? 'sqlite';
  const readStoreKind = env.FRESH_READ_STORE ?? 'embedded';
  let eventStore: StoreConfig['eventStore'];
  if (eventStoreKind === 'sqlite') {
    eventStore = {
      kind: 'sqlite',
      synchronous: env.FRESH_SQLITE_SYNCHRONOUS === 'full' ? 'full' : 'normal',
    };
  } else if (eventStoreKind === 'esdb') {
    if (!env.EVENTSTORE_CONNECTION_STRING) {
      throw new ConfigError(
        'FRESH_EVENT_STORE=esdb needs EVENTSTORE_CONNECTION_STRING, e.g. kurrentdb://127.0.0.1:2113?tls=false',
      );
    }
    eventStore = { kind: 'esdb', connectionString: env.EVENTSTORE_CONNECTION_STRING };
  } else {
    throw new ConfigError(`FRESH_EVENT_STORE must be sqlite or esdb, not "${eventStoreKind}"`);
  }
  let readStore: StoreConfig['readStore'];
  if (readStoreKind === 'embedded') readStore = { kind: 'embedded' };
  else if (readStoreKind === 'mongo') {
    if (!env.MONGODB_URI)
      throw new ConfigError(
        'FRESH_READ_STORE=mongo needs MONGODB_URI, e.g. mongodb://127.0.0.1:27017/fresh',
      );
    readStore = { kind: 'mongo', uri: env.MONGODB_URI };
  } else {
    throw new ConfigError(`FRESH_READ_STORE must be embedded or mongo, not "${readStoreKind}"`);
  }
  return { dataDir, eventStore, readStore };
}
