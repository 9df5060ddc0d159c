import { dataDirPlan } from '../src/data-files';

const sqlite = { kind: 'sqlite', synchronous: 'normal' } as const;
const esdb = { kind: 'esdb', connectionString: 'kurrentdb://127.0.0.1:2113?tls=false' } as const;
const embedded = { kind: 'embedded' } as const;
const mongo = { kind: 'mongo', uri: 'mongodb://127.0.0.1:27017/fresh' } as const;

const names = (plan: ReturnType<typeof dataDirPlan>) => ({
  files: plan.files.map((f) => `${f.name}:${f.role}`),
  leftOut: plan.leftOut.map((f) => f.name),
  elsewhere: plan.elsewhere.map((s) => `${s.engine}: ${s.holds}`),
});

describe('the data dir’s files, in the order a backup copies them', () => {
  it('embedded: the derived stores, then the log, then the keys', () => {
    expect(names(dataDirPlan({ eventStore: sqlite, readStore: embedded }))).toEqual({
      files: [
        'read-models.db:derived',
        'notary.db:derived',
        'audit-index.db:derived',
        'events.db:log',
        'service.db:keys',
      ],
      leftOut: [],
      elsewhere: [],
    });
  });

  it('read models on MongoDB: the same without read-models.db; the key store is in MongoDB', () => {
    expect(names(dataDirPlan({ eventStore: sqlite, readStore: mongo }))).toEqual({
      files: ['notary.db:derived', 'audit-index.db:derived', 'events.db:log', 'service.db:keys'],
      leftOut: [],
      elsewhere: ['MongoDB: the read models and the personal-data key store'],
    });
  });

  it('log on EventStoreDB: service.db alone; the derived files are rebuilt from that log', () => {
    expect(names(dataDirPlan({ eventStore: esdb, readStore: embedded }))).toEqual({
      files: ['service.db:keys'],
      leftOut: ['read-models.db', 'notary.db', 'audit-index.db'],
      elsewhere: ['EventStoreDB: the event log'],
    });
    expect(names(dataDirPlan({ eventStore: esdb, readStore: mongo }))).toEqual({
      files: ['service.db:keys'],
      leftOut: ['notary.db', 'audit-index.db'],
      elsewhere: [
        'EventStoreDB: the event log',
        'MongoDB: the read models and the personal-data key store',
      ],
    });
  });
});
