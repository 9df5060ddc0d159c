import { SqliteEventStore } from '@fresh/event-store';
import { EmbeddedKeyStore, PersonalDataStore } from '@fresh/privacy';
import { join } from 'node:path';

/** The log of a bench data dir as the service opens it: personal data sealed, keys in service.db. */
export const sealedLog = (dataDir: string) =>
  new PersonalDataStore(
    new SqliteEventStore(join(dataDir, 'events.db')),
    new EmbeddedKeyStore(join(dataDir, 'service.db')),
  );
