import { SqliteEventStore } from '@fresh/event-store';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedReadStore, partnersProjection, Projection, Projector } from '../src';
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
