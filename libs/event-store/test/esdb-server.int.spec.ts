import { EsdbEventStore } from '../src';
import { eventStoreContract } from './event-store.contract';

/** Runs against a real EventStoreDB / KurrentDB when EVENTSTORE_CONNECTION_STRING is set (npm run test:servers). */
const connectionString = process.env.EVENTSTORE_CONNECTION_STRING;
if (connectionString) {
  eventStoreContract(
    'EventStoreDB (real server)',
    async () => new EsdbEventStore(connectionString),
  );
} else {
  describe.skip('EventStore contract: EventStoreDB — SKIPPED: set EVENTSTORE_CONNECTION_STRING to run it against a real server', () => {
    it('needs an EventStoreDB server', () => undefined);
  });
}
