import { StoreConfig } from './store-config';

/** The files the service keeps in its data dir (FRESH_DATA_DIR): every one a SQLite database. */
export const DATA_FILES = {
  events: 'events.db',
  readModels: 'read-models.db',
  service: 'service.db',
  notary: 'notary.db',
  auditIndex: 'audit-index.db',
} as const;

export type DataFileName = (typeof DATA_FILES)[keyof typeof DATA_FILES];

/**
 * What a file is to a backup. `derived`: built from the log, so its copy must never be ahead of the
 * log's (copied before it; it catches up on start). `log`: the truth. `keys`: what the log's
 * events need and the log cannot rebuild (the personal-data keys, API keys), copied after the log
 * so that every sealed event in the copy finds its key.
 */
export type DataFileRole = 'derived' | 'log' | 'keys';

export interface DataFile {
  name: DataFileName;
  role: DataFileRole;
  holds: string;
}

/** A store kept outside the data dir, backed up with its own tools. */
export interface StoreElsewhere {
  holds: string;
  engine: 'EventStoreDB' | 'MongoDB';
}

export interface DataDirPlan {
  /** In the order a backup copies them: derived stores, then the log, then the keys. */
  files: DataFile[];
  /** Embedded files a backup leaves out with these stores, and why. */
  leftOut: { name: DataFileName; reason: string }[];
  elsewhere: StoreElsewhere[];
}

/**
 * The data dir's files for the configured stores, in the order a backup copies them. With the log
 * on EventStoreDB the derived files are left out: their copy could not be ordered against that
 * server's own backup, and each is rebuilt from the log when it is missing.
 */
export function dataDirPlan(config: Pick<StoreConfig, 'eventStore' | 'readStore'>): DataDirPlan {
  const embeddedLog = config.eventStore.kind === 'sqlite';
  const embeddedReads = config.readStore.kind === 'embedded';
  const derived: DataFile[] = [
    ...(embeddedReads
      ? [{ name: DATA_FILES.readModels, role: 'derived', holds: 'the read models' } as const]
      : []),
    {
      name: DATA_FILES.notary,
      role: 'derived',
      holds: "the notary's Merkle tree and the checkpoints it issued",
    },
    { name: DATA_FILES.auditIndex, role: 'derived', holds: 'the audit index' },
  ];
  const log: DataFile = { name: DATA_FILES.events, role: 'log', holds: 'the event log' };
  const service: DataFile = {
    name: DATA_FILES.service,
    role: 'keys',
    holds: embeddedReads
      ? 'API keys and the personal-data key store'
      : 'API keys (the personal-data key store is in MongoDB)',
  };
  const elsewhere: StoreElsewhere[] = [
    ...(embeddedLog ? [] : [{ holds: 'the event log', engine: 'EventStoreDB' } as const]),
    ...(embeddedReads
      ? []
      : [{ holds: 'the read models and the personal-data key store', engine: 'MongoDB' } as const]),
  ];
  if (embeddedLog) return { files: [...derived, log, service], leftOut: [], elsewhere };
  return {
    files: [service],
    leftOut: derived.map((file) => ({
      name: file.name,
      reason: `${file.holds}, rebuilt from the EventStoreDB log on start when missing`,
    })),
    elsewhere,
  };
}
