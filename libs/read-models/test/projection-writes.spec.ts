import {
  defineProjection,
  op,
  projectBatch,
  Projection,
  ProjectionDefinitionError,
  Writes,
} from '../src';
import { recorded, registered } from './given-events';

const projection = (writes: Writes, update: Record<string, unknown> = {}): Projection => ({
  name: 'test',
  writes,
  on: { PartnerRegistered: (event) => [op('partners', event.data.partnerId, update, event)] },
});

describe('a projection declares what it writes, and is refused when defined if unsupported', () => {
  it.each([
    [{ $unset: ['name'] }, '$unset is not an update operator both read stores evaluate alike'],
    [{ $rename: ['name'] }, '$rename is not an update operator'],
    [{ $set: ['csk.$.value'] }, '$set csk.$.value: "$" is not a plain field name'],
    [{ $set: ['csk.$[].value'] }, '$set csk.$[].value: "$[]" is not a plain field name'],
    [{ $inc: ['csk.0.count'] }, '$inc csk.0.count: "0" is not a plain field name'],
    [{ $set: ['a..b'] }, '$set a..b: "" is not a plain field name'],
    [{ $set: ['__proto__.x'] }, '$set __proto__.x: "__proto__" is not a plain field name'],
    [
      { $set: ['paid'], $inc: ['paid.count'] },
      '$set paid and $inc paid.count may write the same field',
    ],
    [{ $inc: ['sales.*.count'], $min: ['sales.y.*'] }, '$inc sales.*.count and $min sales.y.* may'],
  ] as [Writes, string][])('refuses %j', (writes, message) => {
    expect(() => defineProjection(projection(writes))).toThrow(ProjectionDefinitionError);
    expect(() => defineProjection(projection(writes))).toThrow(message);
  });

  it('refuses a projection not made by defineProjection before projecting any event', () => {
    expect(() =>
      projectBatch(recorded([registered('P1')]), [projection({ $pop: ['x'] } as Writes)]),
    ).toThrow('projection "test" is refused: $pop is not an update operator');
  });

  it.each([
    [{ $inc: { name: 1 } }, 'partners P1: it writes with $inc, which it did not declare'],
    [{ $set: { region: 'x' } }, 'partners P1: it writes $set region, a path it did not declare'],
    [
      { $set: { 'sales.a.b.count': 1 } },
      'partners P1: it writes $set sales.a.b.count, a path it did not declare',
    ],
    [
      { $min: { 'payers.$x': '2015-01-01' } },
      'partners P1: it writes $min payers.$x, a path it did not declare',
    ],
    [
      { $min: { 'payers.a.b': '2015-01-01' } },
      'partners P1: it writes $min payers.a.b, a path it did not declare',
    ],
    [
      { $min: { 'payers.': '2015-01-01' } },
      'partners P1: it writes $min payers., a path it did not declare',
    ],
  ])('stalls at an event whose update %j it did not declare', (update, message) => {
    const declared = projection({ $set: ['name'], $min: ['payers.*'] }, update);
    const { ops, last, failure } = projectBatch(recorded([registered('P1')]), [declared]);
    expect({ ops, last }).toEqual({ ops: [], last: undefined });
    expect(failure).toEqual({
      projection: 'test',
      event: { position: '1', streamId: 'any', revision: 0, type: 'PartnerRegistered' },
      error: message,
    });
  });

  it('stalls at an event that changes one document twice, in one projection or two', () => {
    const twice: Projection = {
      name: 'twice',
      writes: { $inc: ['n'] },
      on: {
        PartnerRegistered: (event) => [
          op('partners', 'P1', { $inc: { n: 1 } }, event),
          op('partners', 'P1', { $inc: { n: 1 } }, event),
        ],
      },
    };
    const log = recorded([registered('P0'), registered('P1')]);
    const once = projection({ $set: ['name'] }, { $set: { name: 'x' } });
    expect(projectBatch(log, [twice]).failure?.error).toBe(
      'partners P1: a second change of one document for one event',
    );
    const second: Projection = { ...once, name: 'second' };
    const result = projectBatch(log, [once, second]);
    expect(result.last).toBeUndefined();
    expect(result.failure).toMatchObject({
      projection: 'second',
      event: { position: '1' },
      error: 'partners P0: a second change of one document for one event',
    });
  });
});
