import {
  EsdbEventStore,
  EventStore,
  SqliteEventStore,
  StoreAccessDeniedError,
} from '@fresh/event-store';
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
  const privacy = await withPersonalData(events, reads, config);
  return {
    events: privacy,
    privacy,
    reads,
    close: async () => {
      await privacy.close();
      await reads.close();
    },
  };
}
