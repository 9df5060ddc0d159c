import { AccessStore } from '@fresh/access';
import { EventStore } from '@fresh/event-store';
import {
  applyRecordedErasures,
  EmbeddedKeyStore,
  KeyStore,
  openMongoKeyStore,
  PersonalDataStore,
} from '@fresh/privacy';
import { ALL_PROJECTIONS, projectBatch, ReadStore } from '@fresh/read-models';
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_FILES } from './data-files';
import { StoreConfig } from './store-config';

/**
 * The event store with personal data sealed at its edge. Keys live in `service.db` on the
 * embedded default, in MongoDB when the read store is MongoDB. Every erasure on record is applied
 * to the key store at once (a restored backup does not bring data back). When this process sees
 * an erasure in the log (its projector does), the as-of generations get it too, and the SQLite
 * files are checkpointed so that their WAL keeps no old value.
 */
export async function withPersonalData(
  events: EventStore,
  reads: ReadStore,
  access: AccessStore,
  config: StoreConfig,
): Promise<PersonalDataStore> {
  const keys: KeyStore =
    config.readStore.kind === 'mongo'
      ? await openMongoKeyStore(config.readStore.uri)
      : new EmbeddedKeyStore(join(config.dataDir, DATA_FILES.service));
  const store = new PersonalDataStore(events, keys);
  await applyRecordedErasures(store, async (values) => {
    await access.forgetAnswersHolding(values);
  });
  store.onErasure(async (erasures) => {
    const live = await reads.liveGeneration();
    const { ops } = projectBatch(erasures, ALL_PROJECTIONS);
    const position = erasures[erasures.length - 1].position;
    for (const generation of await reads.generations())
      if (generation !== live) await reads.commit(generation, ops, { name: 'privacy', position });
    for (const file of [DATA_FILES.readModels, DATA_FILES.service])
      truncateWal(join(config.dataDir, file));
  });
  return store;
}

/** Copies a SQLite file's WAL into it and empties the WAL, so old page images leave the data dir. */
export function truncateWal(file: string): void {
  if (!existsSync(file)) return;
  const db = new Database(file);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
