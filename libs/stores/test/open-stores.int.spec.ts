import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, openStores, StoreConfig } from '../src';
import { EsdbStandIn } from '../../../test/esdb-stand-in/esdb-stand-in';

/** A store that cannot be used at start: one line, which store, its address without user info. */
describe('openStores: start-up errors name the store without its password', () => {
  const config = (
    eventStore: StoreConfig['eventStore'],
    readStore: StoreConfig['readStore'] = { kind: 'embedded' },
  ): StoreConfig => ({
    dataDir: mkdtempSync(join(tmpdir(), 'open-stores-')),
    eventStore,
    readStore,
  });
  const refusal = async (c: StoreConfig) => {
    const error = await openStores(c).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.message).not.toContain('s3cret');
    return error!.message;
  };

  it('EventStoreDB on a closed port', async () => {
    expect(
      await refusal(
        config({
          kind: 'esdb',
          connectionString: 'kurrentdb://admin:s3cret@127.0.0.1:1?tls=false',
        }),
      ),
    ).toBe(
      'cannot reach the event store: EventStoreDB at kurrentdb://***@127.0.0.1:1?tls=false does not answer; check that it runs and that EVENTSTORE_CONNECTION_STRING points to it',
    );
  });

  it('EventStoreDB whose user may not read $all (a secure 24.10 server, a non-admin user)', async () => {
    const standIn = new EsdbStandIn();
    const connectionString = (await standIn.start()).replace('//', '//reader:s3cret@');
    standIn.faults.allReadDenied = true;
    try {
      expect(await refusal(config({ kind: 'esdb', connectionString }))).toBe(
        `cannot use the event store: EventStoreDB at ${connectionString.replace('reader:s3cret', '***')} refuses access to the service's user: it must be allowed to read $all and write every stream, e.g. a member of $admins or $ops on a secure server; check the user in EVENTSTORE_CONNECTION_STRING`,
      );
    } finally {
      await standIn.stop();
    }
  });

  it('MongoDB on a closed port', async () => {
    const message = await refusal(
      config(
        { kind: 'sqlite', synchronous: 'normal' },
        { kind: 'mongo', uri: 'mongodb://fresh:s3cret@127.0.0.1:1/fresh' },
      ),
    );
    expect(message).toMatch(
      /^cannot reach the read store: MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1:1\/fresh does not answer \(.+\); check that it runs and that MONGODB_URI points to it$/,
    );
  });
});
