import {
  EsdbEventStore,
  EventStore,
  SqliteEventStore,
  StoreAccessDeniedError,
} from '@fresh/event-store';
import {
  AccessStore,
  EmbeddedAccessStore,
  openMongoAccessStore,
  ServiceDatabase,
} from '@fresh/access';
import { EmbeddedReadStore, openMongoReadStore, ReadStore } from '@fresh/read-models';
import { join } from 'node:path';
import { PersonalDataStore } from '@fresh/privacy';
import { DATA_FILES } from './data-files';
import { withPersonalData } from './personal-data';
import { redact } from './redact';
import { ConfigError, StoreConfig } from './store-config';

export interface Stores {
  /** The event log, personal data sealed on append and opened on read (libs/privacy). */
  events: EventStore;
  privacy: PersonalDataStore;
  reads: ReadStore;
  /** API keys and idempotency answers: service.db, or MongoDB with the MongoDB read store. */
  access: AccessStore;
  close(): Promise<void>;
}

const reason = (error: unknown) =>
  redact(
    error instanceof Error
      ? error.cause instanceof Error
        ? error.cause.message
        : error.message
      : String(error),
  );

/**
 * The configured event log alone, as written (no personal data opened, no read store): for
 * whoever only checks it, as a verify in a worker thread does. Checks that it answers.
 */
export async function openEventLog(config: StoreConfig): Promise<EventStore> {
  if (config.eventStore.kind === 'sqlite') {
    return new SqliteEventStore(join(config.dataDir, DATA_FILES.events), {
      synchronous: config.eventStore.synchronous,
    });
  }
  const esdb = new EsdbEventStore(config.eventStore.connectionString);
  try {
    await esdb.headPosition();
  } catch (error) {
    await esdb.close();
    throw new ConfigError(
      error instanceof StoreAccessDeniedError
        ? `cannot use the event store: ${error.message}; check the user in EVENTSTORE_CONNECTION_STRING`
        : `cannot reach the event store: ${esdb.name} does not answer; check that it runs and that EVENTSTORE_CONNECTION_STRING points to it`,
    );
  }
  return esdb;
}

/**
 * Opens the configured stores and checks that each answers. One that does not is reported in one
 * line — which store, which address (without user info), what to check — as a ConfigError.
 */
export async function openStores(config: StoreConfig): Promise<Stores> {
  const events = await openEventLog(config);
  let reads: ReadStore;
  if (config.readStore.kind === 'embedded') {
    reads = new EmbeddedReadStore(join(config.dataDir, DATA_FILES.readModels));
  } else {
    const { uri } = config.readStore;
    try {
      reads = await openMongoReadStore(uri);
    } catch (error) {
      await events.close();
      throw new ConfigError(
        `cannot reach the read store: MongoDB at ${redact(uri)} does not answer (${reason(error)}); check that it runs and that MONGODB_URI points to it`,
      );
    }
  }
  let access: AccessStore;
  try {
    access = await openAccessStore(config);
  } catch (error) {
    await reads.close();
    await events.close();
    throw error;
  }
  const privacy = await withPersonalData(events, reads, access, config);
  return {
    events: privacy,
    privacy,
    reads,
    access,
    close: async () => {
      await privacy.close();
      await reads.close();
      await access.close();
    },
  };
}

/**
 * The access store alone (what `fresh keys` needs): the data dir's service.db, or MongoDB when the
 * read store is MongoDB, so that API instances on several hosts share keys and answers.
 */
export async function openAccessStore(config: StoreConfig): Promise<AccessStore> {
  if (config.readStore.kind === 'embedded')
    return new EmbeddedAccessStore(new ServiceDatabase(config.dataDir));
  const { uri } = config.readStore;
  try {
    return await openMongoAccessStore(uri);
  } catch (error) {
    throw new ConfigError(
      `cannot reach the access store: MongoDB at ${redact(uri)} does not answer (${reason(error)}); check that it runs and that MONGODB_URI points to it`,
    );
  }
}
