import {
  EsdbEventStore,
  EventTooLargeError,
  StoreAccessDeniedError,
  StoreUnavailableError,
} from '../src';
import { EsdbStandIn } from '../../../test/esdb-stand-in/esdb-stand-in';
import { newEvent } from './event-store.contract';

/** What EventStoreDB answers in trouble, as the port's errors; and no password in any of them. */
describe('EventStoreDB errors as port errors (gRPC stand-in)', () => {
  let standIn: EsdbStandIn;
  let store: EsdbEventStore;
  let connectionString: string;
  beforeAll(async () => {
    standIn = new EsdbStandIn();
    // User info as a secure server needs it: it must never reach a message.
    connectionString = (await standIn.start()).replace('//', '//admin:s3cret@');
  });
  beforeEach(() => (store = new EsdbEventStore(connectionString)));
  afterEach(async () => {
    standIn.faults.election = false;
    standIn.faults.allReadDenied = false;
    await store.close();
  });
  afterAll(() => standIn.stop());
  const failure = async (call: Promise<unknown>) => {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    if (!error) throw new Error('expected a failure');
    expect(JSON.stringify({ ...error, message: error.message })).not.toContain('s3cret');
    return error;
  };

  it('during an election (not-leader): a retryable StoreUnavailableError with a retry delay', async () => {
    await store.append('election', [newEvent('A')], 'no_stream');
    standIn.faults.election = true;
    const error = await failure(store.append('election', [newEvent('B')], 0));
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect(error).not.toBeInstanceOf(StoreAccessDeniedError);
    expect(error).toMatchObject({ retryAfterSeconds: 2 });
    expect(error.message).toBe(
      `EventStoreDB at ${connectionString.replace('admin:s3cret', '***')} has no leader to take writes (an election is under way); retry in a moment`,
    );
    standIn.faults.election = false;
    // The election over, the same append goes through.
    expect((await store.append('election', [newEvent('B')], 0)).nextRevision).toBe(1);
  });

  it('a user that may not read $all: StoreAccessDeniedError naming what the user needs', async () => {
    standIn.faults.allReadDenied = true;
    const error = await failure(store.readAll({ maxCount: 10 }));
    expect(error).toBeInstanceOf(StoreAccessDeniedError);
    expect(error.message).toMatch(
      /^EventStoreDB at kurrentdb:\/\/\*\*\*@127\.0\.0\.1:\d+\?tls=false refuses access to the service's user: it must be allowed to read \$all and write every stream, e.g. a member of \$admins or \$ops on a secure server$/,
    );
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreAccessDeniedError);
    expect(await store.ping()).toBe(false);
  });

  it('an append over the server’s 1 MiB limit: EventTooLargeError, nothing written', async () => {
    const big = newEvent('Big', { blob: 'x'.repeat(1_048_576) });
    const error = await failure(store.append('too-large', [big], 'no_stream'));
    expect(error).toBeInstanceOf(EventTooLargeError);
    expect(error).toMatchObject({ streamId: 'too-large', maxAppendBytes: 1_048_576 });
    expect(await store.readStream('too-large')).toEqual([]);
  });

  it('an unreachable server: StoreUnavailableError without the password', async () => {
    const closed = new EsdbEventStore('kurrentdb://admin:s3cret@127.0.0.1:1?tls=false');
    try {
      const error = await failure(closed.append('s', [newEvent('A')], 'any'));
      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error.message).toMatch(
        /^EventStoreDB at kurrentdb:\/\/\*\*\*@127\.0\.0\.1:1\?tls=false is unreachable: /,
      );
      expect(closed.name).toBe('EventStoreDB at kurrentdb://***@127.0.0.1:1?tls=false');
    } finally {
      await closed.close();
    }
  });
});
