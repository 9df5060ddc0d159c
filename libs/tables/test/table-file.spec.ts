import { Table, tableToCsv, wordIn } from '../src';

describe('words in an export', () => {
  it('translates the words it knows', () => {
    expect(wordIn('ru', true)).toBe('да');
    expect(wordIn('ru', 'non-csk')).toBe('не ЦСК');
    expect(wordIn('en', 'csk')).toBe('CSK');
  });

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty'])(
    'keeps a name like %s as it is (not a property every object has)',
    (name) => {
      expect(wordIn('ru', name)).toBe(name);
    },
  );

  it('writes a partner named like an object property into the CSV', () => {
    const table: Table = {
      name: 't',
      columns: [{ key: 'name', header: { ru: 'Партнёр', en: 'Partner' }, type: 'text' }],
      rows: [{ name: 'constructor' }, { name: '__proto__' }],
    };
    expect(tableToCsv(table, 'en', 'rfc4180').toString('utf8')).toBe(
      'Partner\r\nconstructor\r\n__proto__\r\n',
    );
  });
});
