import { DomainEvent, ERASED } from '@fresh/domain';
import { connected, discounted, givenEvents, paid, registered } from './given-events';

const erasure = (
  subjectKind: 'client' | 'partner',
  subjectId: string,
  fields: string[],
): DomainEvent => ({
  type: 'PersonalDataErased',
  data: {
    subjectId,
    subjectKind,
    fields,
    keyIds: ['dk_0000000000000000'],
    reason: 'consent withdrawn',
    erasedOn: '2015-06-01',
  },
});

describe('a forgotten subject in the read models', () => {
  const history = (): DomainEvent[] => [
    registered('P1'),
    connected('C1', 'P1', '2014-12-10'),
    connected('C2', 'P1', '2014-12-10'),
    discounted('S1', 'P1', 'C1', '2015-01-10', 100_000),
    paid('S1', 'P1', 'C1', '2015-02-01'),
  ];

  it('shows the client’s erased fields as erased and changes nothing else', async () => {
    const before = await givenEvents(history());
    const after = await givenEvents([...history(), erasure('client', 'C1', ['name', 'inn'])]);
    const c1 = await before.queries.client('C1', '2015-06-30');
    expect(await after.queries.client('C1', '2015-06-30')).toEqual({
      ...c1,
      name: ERASED,
      inn: ERASED,
    });
    expect(await after.queries.client('C2', '2015-06-30')).toEqual(
      await before.queries.client('C2', '2015-06-30'),
    );
    const ranking = { asOf: '2015-06-30', segment: 'all', publishedOnly: false } as const;
    expect(await after.queries.rankings(ranking)).toEqual(await before.queries.rankings(ranking));
  });

  it('leaves the read models as they are for a legal entity or a partner’s employee', async () => {
    const before = await givenEvents(history());
    const after = await givenEvents([
      ...history(),
      erasure('client', 'C2', []),
      erasure('partner', 'P1', ['responsibleEmployee']),
    ]);
    for (const id of ['C1', 'C2'])
      expect(await after.queries.client(id, '2015-06-30')).toEqual(
        await before.queries.client(id, '2015-06-30'),
      );
    expect(await after.queries.partner('P1', '2015-06-30')).toEqual(
      await before.queries.partner('P1', '2015-06-30'),
    );
  });
});
