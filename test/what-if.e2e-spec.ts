import ExcelJS from 'exceljs';
import { EventStore } from '@fresh/event-store';
import { formatWhatIfTable, whatIf } from '@fresh/what-if';
import { Harness } from './support/harness';
import { freshRun } from './support/server-process';
import { seedProgramme } from './support/programme';

/**
 * The letter's world over HTTP (seedProgramme: P1 not CSK, P2 CSK since 2013, 20 % / CSK 50 %),
 * the window extended on 2015-05-25 to 2015-12-31, and four sales:
 *   S-C1  P1 BP-5-12 × 1 on 2015-01-15  retail 12345.67  discount 2469.13  net 9876.54  paid 01-20
 *   S-C2  P1 UT-1-1  × 2 on 2015-04-10  retail  1999.00  discount  399.80  net 1599.20
 *   S-C3  P1 BP-5-12 × 1 on 2015-06-15  retail 12345.67  discount 2469.13  net 9876.54  paid 06-20
 *   S-D1  P2 BP-5-12 × 1 on 2015-02-01  retail 12345.67  discount 6172.84  net 6172.83  paid 02-05 (CSK)
 * The scenario: 15 %, the window closed on 2015-03-31, no extension.
 */
describe('what-if over HTTP and for the CLI', () => {
  let api: Harness;
  let analyst: string;
  const scenario = { discountRate: '0.15', endsOn: '2015-03-31', decisions: [] };

  beforeAll(async () => {
    api = await Harness.start();
    const { vendor, p1, p2, ok, client } = await seedProgramme(api);
    analyst = api.key('analyst');
    const sell = (
      key: string,
      partnerId: string,
      clientId: string,
      code: string,
      quantity: number,
      soldOn: string,
    ) =>
      ok(
        'POST',
        '/api/v1/sales',
        { saleId: `S-${clientId}`, partnerId, clientId, positionCode: code, quantity, soldOn },
        key,
      );
    const pay = (clientId: string, paidOn: string, amount: string) =>
      ok('POST', `/api/v1/sales/S-${clientId}/payment`, { paidOn, amount }, vendor);
    for (const id of ['C1', 'C2', 'C3']) await ok('POST', '/api/v1/clients', client(id), p1);
    await ok('POST', '/api/v1/clients', client('D1', 'P2', '2015-01-05'), p2);
    await sell(p1, 'P1', 'C1', 'BP-5-12', 1, '2015-01-15');
    await pay('C1', '2015-01-20', '9876.54');
    await sell(p2, 'P2', 'D1', 'BP-5-12', 1, '2015-02-01');
    await pay('D1', '2015-02-05', '6172.83');
    await sell(p1, 'P1', 'C2', 'UT-1-1', 2, '2015-04-10');
    await ok('POST', '/api/v1/experiments/exp-2014/decision', {
      decision: 'extend',
      decidedOn: '2015-05-25',
      newEndsOn: '2015-12-31',
    });
    await sell(p1, 'P1', 'C3', 'BP-5-12', 1, '2015-06-15');
    await pay('C3', '2015-06-20', '9876.54');
  });
  afterAll(() => api.close());

  const ask = (body: unknown, key = analyst, query = '') =>
    api.call('POST', `/api/v1/experiments/exp-2014/what-if${query}`, { key, body });

  it('answers actual, scenario and difference to the kopeck, and records nothing', async () => {
    const head = await api.app.get(EventStore).headPosition();
    const answer = await ask({ scenario, granularity: 'month' });
    expect(answer.status).toBe(200);
    const { totals, changes } = answer.body;
    expect(totals.asOf).toBe('2015-12-31');
    expect(totals.actual.all).toEqual({
      sales: 4,
      retail: '39036.01',
      discount: '11510.90',
      net: '27525.11',
      payingClients: 3,
      publishedPartners: 0,
    });
    // S-C1 at 15 %: 12345.67 × 0.15 = 1851.8505 → 1851.85; S-C2 and S-C3 refused; S-D1 as it was.
    expect(totals.scenario.all).toEqual({
      sales: 2,
      retail: '24691.34',
      discount: '8024.69',
      net: '16666.65',
      payingClients: 2,
      publishedPartners: 0,
    });
    expect(totals.difference.all).toEqual({
      sales: -2,
      retail: '-14344.67',
      discount: '-3486.21',
      net: '-10858.46',
      payingClients: -1,
      publishedPartners: 0,
    });
    expect(totals.difference.csk).toEqual({
      sales: 0,
      retail: '0.00',
      discount: '0.00',
      net: '0.00',
      payingClients: 0,
      publishedPartners: 0,
    });
    expect(changes).toEqual({
      sales: 4,
      unchanged: 1,
      changedRule: 0,
      changedAmount: 1,
      refused: 2,
      refusedByCode: { EXPERIMENT_NOT_ACTIVE: 2 },
      acceptedThoughRefused: null,
      refusalsWithoutFacts: 0,
    });
    expect(answer.body.refusalsOnRecord).toBe(false);
    expect(answer.body.scenario.window).toEqual({ from: '2014-12-08', to: '2015-03-31' });
    expect(answer.body.actual.window).toEqual({ from: '2014-12-08', to: '2015-12-31' });
    expect(answer.body.periods.map((p: { period: string }) => p.period)).toEqual([
      '2014-12',
      '2015-01',
      '2015-02',
      '2015-03',
      '2015-04',
      '2015-05',
      '2015-06',
      '2015-07',
      '2015-08',
      '2015-09',
      '2015-10',
      '2015-11',
      '2015-12',
    ]);
    const january = answer.body.periods[1];
    expect(january.difference['non-csk']).toMatchObject({ discount: '-617.28', net: '617.28' });
    expect(answer.body.partners).toEqual([
      {
        partnerId: 'P1',
        name: 'ООО «Альфа»',
        actual: { sales: 3, retail: '26690.34', discount: '5338.06', net: '21352.28' },
        scenario: { sales: 1, retail: '12345.67', discount: '1851.85', net: '10493.82' },
        difference: { sales: -2, retail: '-14344.67', discount: '-3486.21', net: '-10858.46' },
        refused: 2,
      },
    ]);
    expect(answer.body.identityCheck).toBeUndefined();
    expect(await api.app.get(EventStore).headPosition()).toBe(head);
  });

  it('reports the identity check when the scenario changes nothing', async () => {
    const answer = await ask({ scenario: {} });
    expect(answer.status).toBe(200);
    expect(answer.body.identityCheck).toBe(true);
    expect(answer.body.totals.difference.all).toEqual({
      sales: 0,
      retail: '0.00',
      discount: '0.00',
      net: '0.00',
      payingClients: 0,
      publishedPartners: 0,
    });
  });

  it('refuses what it cannot answer: problem+json with a stable code', async () => {
    const unknownField = await ask({ scenario: { discountRate: '0.15', rate: '0.1' } });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.code).toBe('VALIDATION_FAILED');
    expect(unknownField.body.errors).toEqual([
      { field: 'scenario.rate', message: 'property rate should not exist' },
    ]);
    const undated = await ask({ scenario: { decisions: [{ decision: 'terminate' }] } });
    expect(undated.status).toBe(400);
    expect(undated.body.errors[0].field).toBe('scenario.decisions.0.decidedOn');
    const badRate = await ask({ scenario: { discountRate: '15%' } });
    expect(badRate.status).toBe(400);
    expect(badRate.body.errors[0].field).toBe('scenario.discountRate');
    // The recorded extension (to 2015-12-31) cannot extend a window that already ends later.
    const againstTheRules = await ask({ scenario: { endsOn: '2016-03-31' } });
    expect(againstTheRules.status).toBe(400);
    expect(againstTheRules.body.errors[0].field).toBe('scenario.decisions.0.newEndsOn');
    const noScenario = await ask({ granularity: 'week' });
    expect(noScenario.status).toBe(400);
    const pdf = await ask({ scenario }, analyst, '?format=pdf');
    expect(pdf.status).toBe(400);
    expect(pdf.body.errors[0].field).toBe('format');
    const generation = await ask({ scenario }, analyst, '?generation=asof-2015-05-31');
    expect(generation.status).toBe(400);
    expect(generation.body.errors[0].field).toBe('generation');
    const unknown = await api.call('POST', '/api/v1/experiments/exp-1999/what-if', {
      key: analyst,
      body: { scenario },
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('EXPERIMENT_NOT_FOUND');
    const partner = await ask({ scenario }, api.key('partner', 'P1'));
    expect(partner.status).toBe(403);
    expect(partner.body.code).toBe('FORBIDDEN_ROLE');
    expect((await ask({ scenario }, api.key('vendor'))).status).toBe(200);
  });

  const file = async (query: string) => {
    const response = await fetch(`${api.url}/api/v1/experiments/exp-2014/what-if${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
      body: JSON.stringify({ scenario, granularity: 'month' }),
    });
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  };

  it('exports the answer as CSV for Russian Excel: a row per period and segment, then the totals, to the kopeck', async () => {
    const { response, body } = await file('?format=csv&dialect=excel-ru');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="what-if-exp-2014-month.csv"',
    );
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // No cell holds a `;` or a quote, so the lines split into cells as they are.
    const [header, ...rows] = body
      .toString('utf8')
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(';'));
    expect(header.slice(0, 7)).toEqual([
      'Период',
      'С',
      'По',
      'Сегмент',
      'Продаж — факт',
      'Продаж — сценарий',
      'Продаж — разница',
    ]);
    expect(rows).toHaveLength(13 * 3 + 3);
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    const total = rows.find((r) => r[0] === 'итого' && r[3] === 'все')!;
    expect(total.slice(0, 3)).toEqual(['итого', '08.12.2014', '31.12.2015']);
    expect(cell(total, 'Розница, ₽ — факт')).toBe('39036,01');
    expect(cell(total, 'Скидка, ₽ — факт')).toBe('11510,90');
    expect(cell(total, 'Скидка, ₽ — сценарий')).toBe('8024,69');
    expect(cell(total, 'Скидка, ₽ — разница')).toBe('-3486,21');
    expect(cell(total, 'К оплате, ₽ — разница')).toBe('-10858,46');
    expect(cell(total, 'Платящих клиентов на конец — сценарий')).toBe('2');
    const januaryNonCsk = rows.find((r) => r[0] === '2015-01' && r[3] === 'не ЦСК')!;
    expect(cell(januaryNonCsk, 'Скидка, ₽ — сценарий')).toBe('1851,85');
    expect(cell(januaryNonCsk, 'Новых платящих — факт')).toBe('1');
    // A figure of the whole span only is empty in a period's row.
    expect(cell(januaryNonCsk, 'Платящих клиентов на конец — факт')).toBe('');
  });

  it('exports the answer as XLSX: money as numbers to the kopeck, dates as dates', async () => {
    const { response, body } = await file('?format=xlsx');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const column = (name: string) => header.indexOf(name) + 1;
    expect(sheet.rowCount).toBe(1 + 13 * 3 + 3);
    const total = sheet.getRow(sheet.rowCount - 2);
    expect(total.getCell(1).value).toBe('итого');
    expect(total.getCell(4).value).toBe('все');
    expect(total.getCell(2).value).toEqual(new Date('2014-12-08T00:00:00Z'));
    expect(total.getCell(column('Розница, ₽ — факт')).value).toBe(39036.01);
    expect(total.getCell(column('Скидка, ₽ — сценарий')).value).toBe(8024.69);
    expect(total.getCell(column('Скидка, ₽ — разница')).value).toBe(-3486.21);
    expect(total.getCell(column('К оплате, ₽ — сценарий')).value).toBe(16666.65);
    expect(total.getCell(column('К оплате, ₽ — разница')).value).toBe(-10858.46);
    expect(total.getCell(column('К оплате, ₽ — разница')).numFmt).toBe('#,##0.00 "₽"');
    expect(total.getCell(column('Продаж — разница')).value).toBe(-2);
  });

  it('gives the CLI the same figures and a readable table, with progress', async () => {
    const progress: [number, number][] = [];
    const result = await whatIf(
      api.app.get(EventStore),
      'exp-2014',
      scenario,
      { granularity: 'month' },
      (position, head) => progress.push([position, head]),
    );
    expect(result.totals.difference.all).toMatchObject({ discount: -348_621, net: -1_085_846 });
    const head = Number(await api.app.get(EventStore).headPosition());
    expect(progress.at(-1)).toEqual([head, head]);
    const table = formatWhatIfTable(result);
    expect(table).toContain('scenario: 2014-12-08..2015-03-31 at 0.15; no decisions');
    expect(table).toMatch(/all\s+net\s+27525\.11\s+16666\.65\s+-10858\.46/);
    expect(table).toContain('would be refused 2 (EXPERIMENT_NOT_ACTIVE 2)');
    expect(table).toContain('a sale refused in reality cannot be decided again');
  });

  it('answers the same from the command line: a table, or JSON with the same kopecks', () => {
    const args = ['what-if', '--rate', '0.15', '--ends-on', '2015-03-31', '--no-decisions'];
    const table = freshRun(args, api.dataDir);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/all\s+net\s+27525\.11\s+16666\.65\s+-10858\.46/);
    expect(table.stdout).toContain('would be refused 2 (EXPERIMENT_NOT_ACTIVE 2)');

    const json = freshRun([...args, '--json'], api.dataDir);
    expect(json.status).toBe(0);
    const answer = JSON.parse(json.stdout);
    expect(answer.totals.difference.all).toMatchObject({ discount: '-3486.21', net: '-10858.46' });
    expect(answer.changes.refusedByCode).toEqual({ EXPERIMENT_NOT_ACTIVE: 2 });
  });

  it('answers as CSV from the command line, the same file the API gives, to the kopeck', () => {
    const args = ['what-if', '--rate', '0.15', '--ends-on', '2015-03-31', '--no-decisions'];
    const excel = freshRun([...args, '--csv', 'excel-ru'], api.dataDir);
    expect(excel.status).toBe(0);
    expect(excel.stdout.startsWith('\ufeff')).toBe(true);
    // No cell holds a `;` or a quote, so the lines split into cells as they are.
    const [header, ...rows] = excel.stdout
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(';'));
    expect(header.slice(0, 5)).toEqual(['Период', 'С', 'По', 'Сегмент', 'Продаж — факт']);
    const cell = (row: string[], name: string) => row[header.indexOf(name)];
    const total = rows.find((r) => r[0] === 'итого' && r[3] === 'все')!;
    expect(cell(total, 'К оплате, ₽ — факт')).toBe('27525,11');
    expect(cell(total, 'К оплате, ₽ — сценарий')).toBe('16666,65');
    expect(cell(total, 'К оплате, ₽ — разница')).toBe('-10858,46');

    const csv = freshRun([...args, '--csv'], api.dataDir);
    expect(csv.status).toBe(0);
    expect(csv.stdout.startsWith('Период,С,По,Сегмент,Продаж — факт,')).toBe(true);
    const rfcTotal = csv.stdout.split('\r\n').find((line) => line.startsWith('итого,2014-12-08,'));
    expect(rfcTotal).toContain(',27525.11,16666.65,-10858.46,');

    const both = freshRun([...args, '--csv', '--json'], api.dataDir);
    expect(both.status).toBe(2);
    expect(both.stderr).toContain("error: option '--json' cannot be used with option '--csv");
  });

  it('tells a wrong scenario on the command line in one line, exit code 2', () => {
    const badRate = freshRun(['what-if', '--rate', '2'], api.dataDir);
    expect(badRate.status).toBe(2);
    expect(badRate.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^error: option '--rate <rate>' argument '2' is invalid/),
    ]);
    const unknown = freshRun(['what-if', '--experiment', 'exp-1999'], api.dataDir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n').at(-1)).toBe(
      'error: experiment exp-1999 does not exist',
    );
  });
});
