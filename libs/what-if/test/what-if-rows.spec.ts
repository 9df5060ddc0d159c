import { whatIfRows } from '../src';
import { BP, extended, given, registered, sold, started } from './given-record';

describe('what-if rows: the seam for CSV and XLSX', () => {
  it('gives a row per period and segment, then the totals, money as decimal text', async () => {
    const result = await given([
      registered('P-1'),
      started,
      extended,
      sold({
        saleId: 'S-1',
        partnerId: 'P-1',
        clientId: 'C-1',
        soldOn: '2015-01-15',
        unitPrice: BP,
        quantity: 1,
        csk: false,
        rate: '0.20',
      }),
    ]).when({ discountRate: '0.15' });
    const { columns, rows } = whatIfRows(result);
    expect(columns.slice(0, 7)).toEqual([
      'period',
      'from',
      'to',
      'segment',
      'sales.actual',
      'sales.scenario',
      'sales.difference',
    ]);
    expect(columns).toHaveLength(4 + 7 * 3 + 4);
    expect(columns.slice(-4)).toEqual([
      'sales.wouldBeAccepted',
      'retail.wouldBeAccepted',
      'discount.wouldBeAccepted',
      'net.wouldBeAccepted',
    ]);
    expect(rows).toHaveLength(result.periods.length * 3 + 3);
    const january = rows.find((r) => r[0] === '2015-01' && r[3] === 'non-csk')!;
    const at = (name: string) => january[columns.indexOf(name)];
    expect(at('discount.actual')).toBe('2469.13');
    expect(at('discount.scenario')).toBe('1851.85');
    expect(at('discount.difference')).toBe('-617.28');
    expect(at('newPayingClients.actual')).toBe(0);
    expect(at('payingClients.actual')).toBeNull();
    const total = rows.find((r) => r[0] === 'total' && r[3] === 'all')!;
    expect(total.slice(0, 3)).toEqual(['total', '2014-12-08', '2015-12-31']);
    expect(total[columns.indexOf('net.difference')]).toBe('617.28');
    expect(total[columns.indexOf('newPayingClients.actual')]).toBeNull();
    // No refused sale's facts on record: nothing to show there.
    expect(total[columns.indexOf('net.wouldBeAccepted')]).toBeNull();
  });
});
