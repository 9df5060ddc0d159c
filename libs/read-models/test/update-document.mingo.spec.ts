import { DomainEvent } from '@fresh/domain';
import { update as mingoUpdate } from 'mingo/updater';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ALL_PROJECTIONS,
  Doc,
  EmbeddedReadStore,
  positionKey,
  projectBatch,
  ReadOp,
  UpdateOperator,
  updateDocument,
} from '../src';
import { connected, discounted, paid, recorded, registered } from './given-events';

/** A small seeded generator (mulberry32): the same cases on every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  return { int, pick };
}

/**
 * Field names events put in paths: dates, segments, bases, ids (digits only too). Names of
 * Object.prototype (`constructor`, `toString`) are valid ids but mingo resolves them through the
 * prototype (it leaves `{count: {}}` after `$inc count.toString`), so they are checked against
 * MongoDB's meaning in update-document.spec.ts instead.
 */
const NAMES = [
  '2015-01-10',
  '2015-02-01',
  'csk',
  'non-csk',
  'itsaas',
  'its-prof',
  'C-1',
  '12345',
  'A:b_c',
];
const DATES = ['2014-12-10', '2015-01-15', '2015-02-01', '2015-02-28', '2015-05-31'];

function operand(operator: UpdateOperator, g: ReturnType<typeof random>): unknown {
  switch (operator) {
    case '$inc':
      return g.pick([1, 0, 79_960, 999_999_999_000, 998_999_999_001]);
    case '$min':
    case '$max':
      return g.pick(DATES);
    case '$push':
      return { on: g.pick(DATES), value: g.pick([true, false, 'breached']) };
    case '$set':
      return g.pick([
        'Альфа',
        7,
        true,
        null,
        { number: 'ITS-1', validUntil: g.pick(DATES) },
        [1, { a: 'b' }],
      ]);
  }
}

/** A random update within a projection's declared writes: one to three of its paths, names filled in. */
function randomUpdate(writes: Record<string, readonly string[]>, g: ReturnType<typeof random>) {
  const declared = Object.entries(writes).flatMap(([operator, paths]) =>
    paths.map((path) => ({ operator: operator as UpdateOperator, path })),
  );
  const update: Record<string, Record<string, unknown>> = {};
  for (let n = 1 + g.int(3); n > 0; n--) {
    const { operator, path } = g.pick(declared);
    const concrete = path
      .split('.')
      .map((s) => (s === '*' ? g.pick(NAMES) : s))
      .join('.');
    (update[operator] ??= {})[concrete] = operand(operator, g);
  }
  return update;
}

describe('updateDocument agrees with mingo’s update operators', () => {
  it.each(ALL_PROJECTIONS.map((p) => [p.name, p] as const))(
    'on every operator and path shape the %s projection declares',
    (_name, projection) => {
      const g = random(42);
      const shapes = new Set<string>();
      for (let run = 0; run < 60; run++) {
        const ours: Doc = { _id: 'X' };
        const theirs: Doc = { _id: 'X' };
        for (let step = 0; step < 12; step++) {
          const update = randomUpdate(projection.writes as Record<string, string[]>, g);
          for (const [operator, fields] of Object.entries(update))
            for (const path of Object.keys(fields))
              shapes.add(`${operator} ${path.replace(/[^.]+/g, 'x')}`);
          updateDocument(ours, structuredClone(update));
          mingoUpdate(theirs, structuredClone(update) as never);
          expect(ours).toEqual(theirs);
        }
      }
      const declared = Object.entries(projection.writes).flatMap(([operator, paths]) =>
        paths!.map((p) => `${operator} ${p.replace(/[^.]+/g, 'x')}`),
      );
      expect([...shapes].sort()).toEqual([...new Set(declared)].sort());
    },
  );
});

/** Applies ops as the MongoDB engine does, with mingo as the evaluator: once per document per position. */
function mingoReference(ops: ReadOp[]): Map<string, Doc> {
  const docs = new Map<string, Doc>();
  for (const op of ops) {
    const key = `${op.collection}/${op.id}`;
    const doc = docs.get(key) ?? { _id: op.id };
    const position = positionKey(op.position);
    if (typeof doc._pos === 'string' && doc._pos >= position) continue;
    mingoUpdate(doc, structuredClone(op.update) as never);
    doc._pos = position;
    docs.set(key, doc);
  }
  return docs;
}

describe('the projections give the same documents live, in a replay, and under mingo', () => {
  it('over a random history of partners, clients, sales and payments', async () => {
    const g = random(7);
    const events: (DomainEvent & { on?: string })[] = [];
    const partners = ['P1', 'P2', 'P3', '12345'];
    for (const p of partners) events.push(registered(p));
    for (let i = 0; i < 300; i++) {
      const partnerId = g.pick(partners);
      const clientId = `C${g.int(40)}`;
      switch (g.int(5)) {
        case 0:
          events.push(
            connected(clientId, partnerId, g.pick(DATES), g.pick(['csk', 'non-csk'] as const)),
          );
          break;
        case 1:
          events.push(
            discounted(`S${i}`, partnerId, clientId, g.pick(DATES), 1 + g.int(999_999_999_000)),
          );
          break;
        case 2:
          events.push(paid(`S${i}`, partnerId, clientId, g.pick(DATES), 1 + g.int(1_000_000)));
          break;
        case 3:
          events.push({
            type: 'PartnerCertified',
            data: {
              partnerId,
              certifiedOn: g.pick(DATES),
              certifiedSpecialists: 2,
              responsibleEmployee: 'И',
              supportCommitment: true,
            },
          });
          break;
        default:
          events.push({
            type: 'PartnerObligationsChanged',
            data: {
              partnerId,
              status: g.pick(['breached', 'fulfilled'] as const),
              since: g.pick(DATES),
            },
          });
      }
    }
    const log = recorded(events);
    const { ops, failure } = projectBatch(log, ALL_PROJECTIONS);
    expect(failure).toBeUndefined();

    const store = new EmbeddedReadStore(join(mkdtempSync(join(tmpdir(), 'fresh-mingo-')), 'r.db'));
    for (let from = 0; from < log.length; from += 37) {
      const slice = projectBatch(log.slice(from, from + 37), ALL_PROJECTIONS);
      await store.commit('live', slice.ops, { name: 'projector', position: slice.last! });
    }
    async function* batches() {
      yield { ops, position: log[log.length - 1].position };
    }
    await store.build('replayed', batches(), 'projector');

    const reference = mingoReference(ops);
    for (const collection of ['partners', 'clients']) {
      const live = await store.find('live', collection, {}, { sort: { _id: 1 } });
      const replayed = await store.find('replayed', collection, {}, { sort: { _id: 1 } });
      const expected = [...reference.entries()]
        .filter(([key]) => key.startsWith(`${collection}/`))
        .map(([, doc]) => doc)
        .sort((a, b) => (a._id < b._id ? -1 : 1));
      expect(live.length).toBeGreaterThan(3);
      expect(live).toEqual(expected);
      expect(replayed).toEqual(expected);
    }
    await store.close();
  });
});
