import { ReadOp, ReadStore } from '../src';

const op = (
  collection: string,
  id: string,
  update: Record<string, unknown>,
  position: number,
): ReadOp => ({
  collection,
  id,
  update,
  position: BigInt(position),
});

/** The behaviour every ReadStore engine must show. `open` gives a fresh, empty store. */
export function readStoreContract(name: string, open: () => Promise<ReadStore>) {
  describe(`ReadStore contract: ${name}`, () => {
    let store: ReadStore;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(() => store.close());

    it('applies MongoDB update operators: $set, $inc on dotted paths, $push, $min', async () => {
      await store.commit(
        'g1',
        [
          op(
            'partners',
            'P1',
            {
              $set: { name: 'Альфа' },
              $inc: { 'sales.2015-01-10.count': 1, 'sales.2015-01-10.net': 79_960 },
            },
            1,
          ),
          op(
            'partners',
            'P1',
            {
              $push: { csk: { on: '2015-02-01', value: true } },
              $min: { 'payers.C1': '2015-02-10' },
            },
            2,
          ),
          op(
            'partners',
            'P1',
            { $inc: { 'sales.2015-01-10.count': 1 }, $min: { 'payers.C1': '2015-02-05' } },
            3,
          ),
          op('partners', 'P1', { $min: { 'payers.C1': '2015-03-01' } }, 4),
        ],
        { name: 'projector', position: 4n },
      );
      expect(await store.findOne('g1', 'partners', 'P1')).toEqual({
        _id: 'P1',
        name: 'Альфа',
        sales: { '2015-01-10': { count: 2, net: 79_960 } },
        csk: [{ on: '2015-02-01', value: true }],
        payers: { C1: '2015-02-05' },
        _pos: '0000000000000000000000000000000000000004',
      });
    });

    it('applies an event to a document once, however often it is committed', async () => {
      const inc = op('clients', 'C1', { $inc: { 'paid.count': 1 } }, 7);
      await store.commit('g1', [inc], { name: 'projector', position: 7n });
      await store.commit('g1', [inc, inc], { name: 'projector', position: 7n });
      await store.commit('g1', [op('clients', 'C1', { $inc: { 'paid.count': 1 } }, 6)], {
        name: 'projector',
        position: 7n,
      });
      expect((await store.findOne('g1', 'clients', 'C1'))?.paid).toEqual({ count: 1 });
    });

    it('applies one change per document per event, alike live (commit) and in a replay (build)', async () => {
      const twice = [
        op('clients', 'C1', { $inc: { 'paid.count': 1 } }, 5),
        op('clients', 'C1', { $inc: { 'paid.count': 1 } }, 5),
        op('clients', 'C1', { $inc: { 'paid.count': 1 } }, 6),
      ];
      await store.commit('g1', twice, { name: 'projector', position: 6n });
      async function* batches() {
        yield { ops: twice, position: 6n };
      }
      await store.build('g2', batches(), 'projector');
      expect((await store.findOne('g1', 'clients', 'C1'))?.paid).toEqual({ count: 2 });
      expect((await store.findOne('g2', 'clients', 'C1'))?.paid).toEqual({ count: 2 });
    });

    it('finds with filters, sort, limit and projection, and aggregates with pipelines', async () => {
      const ops = [
        op(
          'clients',
          'C1',
          { $set: { partnerId: 'P1', basis: 'itsaas', connectedOn: '2015-01-10' } },
          1,
        ),
        op(
          'clients',
          'C2',
          { $set: { partnerId: 'P1', basis: 'its-prof', connectedOn: '2015-01-12' } },
          2,
        ),
        op(
          'clients',
          'C3',
          { $set: { partnerId: 'P2', basis: 'itsaas', connectedOn: '2015-01-11' } },
          3,
        ),
      ];
      await store.commit('g1', ops, { name: 'projector', position: 3n });
      const found = await store.find(
        'g1',
        'clients',
        { connectedOn: { $lte: '2015-01-11' } },
        { sort: { connectedOn: -1 }, projection: { partnerId: 1 } },
      );
      expect(found).toEqual([
        { _id: 'C3', partnerId: 'P2' },
        { _id: 'C1', partnerId: 'P1' },
      ]);
      expect(
        await store.find(
          'g1',
          'clients',
          {},
          { sort: { _id: 1 }, limit: 2, projection: { _id: 1 } },
        ),
      ).toEqual([{ _id: 'C1' }, { _id: 'C2' }]);
      const grouped = await store.aggregate('g1', 'clients', [
        {
          $group: {
            _id: '$partnerId',
            clients: { $sum: 1 },
            itsProf: { $sum: { $cond: [{ $eq: ['$basis', 'its-prof'] }, 1, 0] } },
          },
        },
        { $sort: { _id: 1 } },
      ]);
      expect(grouped).toEqual([
        { _id: 'P1', clients: 2, itsProf: 1 },
        { _id: 'P2', clients: 1, itsProf: 0 },
      ]);
      expect(await store.findOne('g1', 'clients', 'C9')).toBeUndefined();
    });

    it('keeps a checkpoint per generation, committed with the changes', async () => {
      expect(await store.checkpoint('g1', 'projector')).toBeUndefined();
      await store.commit(
        'g1',
        [op('experiments', 'E1', { $set: { startsOn: '2014-12-08' } }, 41)],
        { name: 'projector', position: 41n },
      );
      expect(await store.checkpoint('g1', 'projector')).toBe(41n);
      expect(await store.checkpoint('g2', 'projector')).toBeUndefined();
    });

    it('refuses an update it cannot apply, and does not move the checkpoint past it', async () => {
      await store.commit('g1', [op('partners', 'P1', { $set: { name: 'Альфа' } }, 1)], {
        name: 'projector',
        position: 1n,
      });
      const bad = store.commit(
        'g1',
        [
          op('partners', 'P1', { $set: { name: 'Бета' } }, 2),
          op('partners', 'P2', { $bogus: { x: 1 } }, 3),
        ],
        { name: 'projector', position: 3n },
      );
      await expect(bad).rejects.toThrow();
      expect(await store.findOne('g1', 'partners', 'P2')).toBeUndefined();
      expect(await store.checkpoint('g1', 'projector')).toBe(1n);
    });

    it('builds a generation from nothing out of batches, whatever it held before', async () => {
      await store.commit('g2', [op('partners', 'P9', { $set: { name: 'stale' } }, 1)], {
        name: 'projector',
        position: 1n,
      });
      async function* batches() {
        yield { ops: [op('partners', 'P2', { $set: { name: 'Бета' } }, 1)], position: 1n };
        yield { ops: [], position: 2n };
        yield {
          ops: [
            op('partners', 'P1', { $set: { name: 'Альфа' } }, 3),
            op('partners', 'P2', { $inc: { 'paid.count': 1 } }, 4),
          ],
          position: 5n,
        };
      }
      await store.build('g2', batches(), 'projector');
      const documents = [];
      for await (const doc of store.documents('g2', 'partners')) documents.push(doc);
      expect(documents).toEqual([
        { _id: 'P1', name: 'Альфа', _pos: '0000000000000000000000000000000000000003' },
        {
          _id: 'P2',
          name: 'Бета',
          paid: { count: 1 },
          _pos: '0000000000000000000000000000000000000004',
        },
      ]);
      expect(await store.checkpoint('g2', 'projector')).toBe(5n);
    });

    it('keeps generations apart, switches the live one atomically and drops old ones', async () => {
      const live = await store.liveGeneration();
      await store.commit(live, [op('partners', 'P1', { $set: { name: 'old' } }, 1)], {
        name: 'projector',
        position: 1n,
      });
      await store.commit('g-next', [op('partners', 'P1', { $set: { name: 'new' } }, 1)], {
        name: 'projector',
        position: 1n,
      });
      expect((await store.findOne(live, 'partners', 'P1'))?.name).toBe('old');
      await store.switchLive('g-next');
      expect(await store.liveGeneration()).toBe('g-next');
      expect(await store.generations()).toEqual(expect.arrayContaining([live, 'g-next']));
      await store.dropGeneration(live);
      expect(await store.findOne(live, 'partners', 'P1')).toBeUndefined();
      expect(await store.generations()).not.toContain(live);
      expect((await store.findOne('g-next', 'partners', 'P1'))?.name).toBe('new');
    });
  });
}
