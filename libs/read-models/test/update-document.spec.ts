import { Doc } from '../src/read-store.port';
import { updateDocument } from '../src/update-document';

const updated = (doc: Doc, ...updates: Record<string, unknown>[]) => {
  for (const update of updates) updateDocument(doc, update);
  return doc;
};

describe('updateDocument (MongoDB update operators, in place)', () => {
  it('sets and increments dotted paths, creating the objects on the way', () => {
    expect(
      updated(
        { _id: 'P1' },
        { $set: { name: 'Альфа', 'region.code': '77' } },
        { $inc: { 'sales.2015-01-10.csk.net': 79_960, 'sales.2015-01-10.csk.count': 1 } },
        { $inc: { 'sales.2015-01-10.csk.net': 40 } },
      ),
    ).toEqual({
      _id: 'P1',
      name: 'Альфа',
      region: { code: '77' },
      sales: { '2015-01-10': { csk: { net: 80_000, count: 1 } } },
    });
  });

  it('$min and $max set a missing field and keep the smaller or larger value', () => {
    const doc = updated(
      { _id: 'P1' },
      { $min: { 'payers.C1': '2015-02-10' }, $max: { best: 3 } },
      { $min: { 'payers.C1': '2015-02-05' }, $max: { best: 2 } },
      { $min: { 'payers.C1': '2015-03-01' }, $max: { best: 7 } },
    );
    expect(doc).toEqual({ _id: 'P1', payers: { C1: '2015-02-05' }, best: 7 });
  });

  it('$push appends a copy, so the document shares nothing with the update', () => {
    const entry = { on: '2015-02-01', value: true };
    const doc = updated({ _id: 'P1' }, { $push: { csk: entry } }, { $push: { csk: entry } });
    entry.value = false;
    expect(doc.csk).toEqual([
      { on: '2015-02-01', value: true },
      { on: '2015-02-01', value: true },
    ]);
  });

  it('treats names like __proto__ and constructor as plain fields', () => {
    const doc = updated(
      { _id: 'P1' },
      { $min: { 'payers.__proto__': '2015-01-01', 'payers.constructor': '2015-01-02' } },
      { $inc: { 'count.toString': 1 } },
    );
    expect(JSON.parse(JSON.stringify(doc))).toEqual({
      _id: 'P1',
      payers: { ['__proto__']: '2015-01-01', constructor: '2015-01-02' },
      count: { toString: 1 },
    });
    expect(Object.getPrototypeOf(doc.payers)).toBe(Object.prototype);
  });

  it.each([
    [{ $bogus: { x: 1 } }, 'unknown update operator $bogus'],
    [{ constructor: { x: 1 } }, 'unknown update operator constructor'],
    [{ $inc: { name: 1 } }, 'cannot $inc name: not a number'],
    [{ $inc: { 'name.first': 1 } }, 'cannot create a field in name.first: name is not an object'],
    [{ $push: { name: 1 } }, 'cannot $push to name: not an array'],
    [{ $min: { name: 5 } }, 'cannot compare name: "Альфа" with 5'],
    [{ $inc: { none: 1 } }, 'cannot $inc none: not a number'],
    [{ $push: { none: 1 } }, 'cannot $push to none: not an array'],
    [{ $set: { 'none.x': 1 } }, 'cannot create a field in none.x: none is not an object'],
    [{ $inc: { big: 2 } }, 'cannot $inc big: 9007199254740990 + 2 is past 2^53, not exact'],
  ])('refuses %j, as MongoDB does (null is not a missing field)', (update, message) => {
    const doc = { _id: 'P1', name: 'Альфа', none: null, big: Number.MAX_SAFE_INTEGER - 1 };
    expect(() => updateDocument(doc, update)).toThrow(message);
  });
});
