import { tableToCsv, wordIn } from '../src/queries/exports/table-file';

describe('table files: words and names', () => {
  it('translates its own words only: a partner named like an Object property stays its name', () => {
    expect(wordIn('en', 'non-csk')).toBe('non-CSK');
    expect(wordIn('ru', true)).toBe('да');
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(wordIn('ru', name)).toBe(name);
    expect(wordIn('en', null)).toBe('');
  });

  it('writes such a name into a CSV cell', () => {
    const table = {
      name: 't',
      columns: [{ key: 'name', header: { ru: 'Партнёр', en: 'Partner' }, type: 'text' as const }],
      rows: [{ name: 'constructor' }],
    };
    expect(tableToCsv(table, 'en', 'rfc4180').toString('utf8')).toBe('Partner\r\nconstructor\r\n');
  });
});
