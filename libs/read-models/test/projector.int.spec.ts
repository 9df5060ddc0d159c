import { SqliteEventStore, StoreUnavailableError } from '@fresh/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedReadStore, op, partnersProjection, Projection, Projector } from '../src';
import { recorded, registered } from './given-events';

const waitFor = async (condition: () => boolean, ms = 5_000) => {
  for (const until = Date.now() + ms; !condition();) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('Projector', () => {
  let events: SqliteEventStore;
  let reads: EmbeddedReadStore;
  const append = async (partnerId: string) => {
    const [e] = recorded([registered(partnerId)]);
    await events.append(
      `partner-${partnerId}`,
      [{ type: e.type, schemaVersion: 1, data: e.data, metadata: e.metadata }],
      'no_stream',
    );
  };

  beforeEach(() => {
    const dir = mkdtempSync(join(tmpdir(), 'fresh-projector-'));
    events = new SqliteEventStore(join(dir, 'events.db'));
    reads = new EmbeddedReadStore(join(dir, 'read-models.db'));
  });
  afterEach(async () => {
    await events.close();
    await reads.close();
  });

  it('catches up from its checkpoint and follows new events', async () => {
    await append('P1');
    const projector = new Projector(events, reads, { error: () => {} }, [partnersProjection]);
    await projector.start('g1');
    await projector.waitFor(1n);
    await append('P2');
    await projector.waitFor(2n);
    expect((await reads.find('g1', 'partners', {})).map((d) => d._id)).toEqual(['P1', 'P2']);
    await projector.stop();
    await append('P3');
    const again = new Projector(events, reads, { error: () => {} }, [partnersProjection]);
    await again.start('g1');
    expect(again.current.position).toBe('2');
    await again.waitFor(3n);
    expect(await reads.checkpoint('g1', 'projector')).toBe(3n);
    await again.stop();
  });

  it('stops at an event a projection cannot handle, says which, keeps the last good state and does not spin', async () => {
    let calls = 0;
    const fragile: Projection = {
      name: 'fragile',
      writes: {},
      on: {
        PartnerRegistered(event) {
          calls++;
          if (event.data.partnerId === 'P2') throw new Error('cannot handle P2');
          return [];
        },
      },
    };
    const lines: string[] = [];
    await append('P1');
    await append('P2');
    await append('P3');
    const projector = new Projector(events, reads, { error: (line) => lines.push(line) }, [
      partnersProjection,
      fragile,
    ]);
    await projector.start('g1');
    await waitFor(() => projector.current.state === 'stalled');
    expect(projector.current).toEqual({
      state: 'stalled',
      generation: 'g1',
      position: '1',
      stalled: {
        projection: 'fragile',
        event: { position: '2', streamId: 'partner-P2', revision: 0, type: 'PartnerRegistered' },
        error: 'cannot handle P2',
      },
    });
    expect(lines).toEqual([
      'projector stalled: projection "fragile" failed on event PartnerRegistered at position 2 (partner-P2@0): cannot handle P2',
    ]);
    expect((await reads.find('g1', 'partners', {})).map((d) => d._id)).toEqual(['P1']);
    expect(await reads.checkpoint('g1', 'projector')).toBe(1n);
    const callsAtStall = calls;
    await append('P4');
    await new Promise((r) => setTimeout(r, 300));
    expect(calls).toBe(callsAtStall);
    await projector.stop();
  });
});

describe('Projector and a read store that fails', () => {
  let events: SqliteEventStore;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'fresh-projector-'));
    events = new SqliteEventStore(join(dir, 'events.db'));
    for (const partnerId of ['P1', 'P2', 'P3']) {
      const [e] = recorded([registered(partnerId)]);
      await events.append(
        `partner-${partnerId}`,
        [{ type: e.type, schemaVersion: 1, data: e.data, metadata: e.metadata }],
        'no_stream',
      );
    }
  });
  afterEach(() => events.close());

  it('stalls at an event whose change the store refuses for good, naming it and the projection, and does not spin', async () => {
    // P1 brings the tally next to 2^53; P2's increment would make it inexact, which no store may do.
    const tally: Projection = {
      name: 'tally',
      writes: { $inc: ['kopecks'] },
      on: {
        PartnerRegistered: (event) => [
          op(
            'tallies',
            'T',
            { $inc: { kopecks: event.data.partnerId === 'P1' ? Number.MAX_SAFE_INTEGER - 1 : 2 } },
            event,
          ),
        ],
      },
    };
    const reads = new EmbeddedReadStore(join(dir, 'read-models.db'));
    let commits = 0;
    const commit = reads.commit.bind(reads);
    reads.commit = (...args) => (commits++, commit(...args));
    const lines: string[] = [];
    const projector = new Projector(events, reads, { error: (l) => lines.push(l) }, [
      partnersProjection,
      tally,
    ]);
    await projector.start('g1');
    await waitFor(() => projector.current.state === 'stalled');
    expect(projector.current).toEqual({
      state: 'stalled',
      generation: 'g1',
      position: '1',
      stalled: {
        projection: 'tally',
        event: { position: '2', streamId: 'partner-P2', revision: 0, type: 'PartnerRegistered' },
        error: 'tallies T: cannot $inc kopecks: 9007199254740990 + 2 is past 2^53, not exact',
      },
    });
    expect(lines).toEqual([
      'projector stalled: projection "tally" failed on event PartnerRegistered at position 2 (partner-P2@0): tallies T: cannot $inc kopecks: 9007199254740990 + 2 is past 2^53, not exact',
    ]);
    expect((await reads.find('g1', 'partners', {})).map((d) => d._id)).toEqual(['P1']);
    expect(await reads.checkpoint('g1', 'projector')).toBe(1n);
    const commitsAtStall = commits;
    await new Promise((r) => setTimeout(r, 1_300)); // past the one-second retry of a lost store
    expect(commits).toBe(commitsAtStall);
    await projector.stop();
    await reads.close();
  });

  it('tries again when the store cannot be reached, and goes on once it answers', async () => {
    const reads = new EmbeddedReadStore(join(dir, 'read-models.db'));
    const commit = reads.commit.bind(reads);
    let down = true;
    reads.commit = (...args) =>
      down
        ? Promise.reject(new StoreUnavailableError('MongoDB read store', new Error('gone')))
        : commit(...args);
    const lines: string[] = [];
    const projector = new Projector(events, reads, { error: (l) => lines.push(l) }, [
      partnersProjection,
    ]);
    await projector.start('g1');
    await waitFor(() => projector.current.state === 'reconnecting');
    expect(lines).toEqual([
      'projector lost a store, retrying every second: MongoDB read store is unreachable: gone',
    ]);
    down = false;
    await projector.waitFor(3n);
    expect((await reads.find('g1', 'partners', {})).map((d) => d._id)).toEqual(['P1', 'P2', 'P3']);
    await projector.stop();
    await reads.close();
  });

  it('stalls, naming the batch, when the store throws anything else', async () => {
    const reads = new EmbeddedReadStore(join(dir, 'read-models.db'));
    reads.commit = () => Promise.reject(new Error('E999 something the server will always say'));
    const lines: string[] = [];
    const projector = new Projector(events, reads, { error: (l) => lines.push(l) }, [
      partnersProjection,
    ]);
    await projector.start('g1');
    await waitFor(() => projector.current.state === 'stalled');
    expect(lines).toEqual([
      'projector stalled: projection "partners" failed on event PartnerRegistered at position 1 (partner-P1@0): the read store refused events 1..3: E999 something the server will always say',
    ]);
    await projector.stop();
    await reads.close();
  });
});
