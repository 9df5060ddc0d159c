import ExcelJS from 'exceljs';
import { Harness, tempDataDir } from './support/harness';
import { seedConsoleScenario } from './support/console-scenario';

/** The reads and files the analysts' console uses, over HTTP, against the console's scenario. */
describe('the console API', () => {
  let api: Harness;
  let analyst: string, auditor: string;
  const file = async (path: string, key = analyst) => {
    const response = await fetch(`${api.url}${path}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  };

  beforeAll(async () => {
    api = await Harness.start(tempDataDir());
    ({ analyst, auditor } = await seedConsoleScenario(api));
  }, 60_000);
  afterAll(() => api.close());

  it('answers the whole ranking without limit, exactly as before (no nextCursor)', async () => {
    const { status, body } = await api.call('GET', '/api/v1/rankings?asOf=2015-02-28', {
      key: analyst,
    });
    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(['asOf', 'segment', 'publishedOnly', 'items']);
    expect(body.items.map((i: { partnerId: string }) => i.partnerId)).toEqual(['P1', 'P2', 'P3']);
  });

  it('pages the ranking with limit and nextCursor, and refuses a cursor it did not give', async () => {
    const first = await api.call('GET', '/api/v1/rankings?asOf=2015-02-28&limit=2', {
      key: analyst,
    });
    expect(first.body.items.map((i: { rank: number }) => i.rank)).toEqual([1, 2]);
    expect(first.body.total).toBe(3);
    const second = await api.call(
      'GET',
      `/api/v1/rankings?asOf=2015-02-28&limit=2&cursor=${first.body.nextCursor}`,
      { key: analyst },
    );
    expect(second.body.items).toMatchObject([{ rank: 3, partnerId: 'P3' }]);
    expect(second.body.nextCursor).toBeNull();
    const bad = await api.call('GET', '/api/v1/rankings?limit=2&cursor=nonsense', { key: analyst });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('searches by id or name and sorts by a column, keeping each partner’s rank', async () => {
    const found = await api.call(
      'GET',
      '/api/v1/rankings?asOf=2015-02-28&search=%D0%B3%D0%B0%D0%BC%D0%BC',
      { key: analyst },
    );
    expect(found.body.items).toMatchObject([{ rank: 3, partnerId: 'P3', name: 'ООО «Гамма»' }]);
    const sorted = await api.call('GET', '/api/v1/rankings?asOf=2015-02-28&sort=-net', {
      key: analyst,
    });
    expect(
      sorted.body.items.map((i: { partnerId: string; rank: number }) => [i.partnerId, i.rank]),
    ).toEqual([
      ['P2', 2],
      ['P1', 1],
      ['P3', 3],
    ]);
  });

  it('exports the ranking as CSV for Russian Excel: BOM, semicolons, decimal commas, Russian dates', async () => {
    const { response, body } = await file(
      '/api/v1/rankings?asOf=2015-02-28&format=csv&dialect=excel-ru',
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="rankings-2015-02-28.csv"',
    );
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'На дату;Место;Код партнёра;Партнёр;Сегмент;Подключено клиентов;Платящих клиентов;Подключений по ИТС ПРОФ;Розница, ₽;Скидка, ₽;К оплате, ₽;В публикуемом списке',
    );
    expect(lines[1]).toBe('28.02.2015;1;P1;ООО «Альфа»;не ЦСК;10;10;0;9995,00;1999,00;7996,00;да');
    expect(lines[2]).toBe(
      '28.02.2015;2;P2;ООО «Бета-ЦСК»;ЦСК;3;3;0;37037,01;18518,52;18518,49;нет',
    );
  });

  it('exports plain RFC 4180 CSV with English headers', async () => {
    const { body } = await file('/api/v1/rankings?asOf=2015-02-28&format=csv&lang=en');
    const lines = body.toString('utf8').split('\r\n');
    expect(lines[0].startsWith('As of,Rank,Partner id,Partner,Segment')).toBe(true);
    expect(lines[1]).toBe(
      '2015-02-28,1,P1,ООО «Альфа»,non-CSK,10,10,0,9995.00,1999.00,7996.00,yes',
    );
  });

  it('exports XLSX with numbers and dates as such', async () => {
    const { response, body } = await file('/api/v1/rankings?asOf=2015-02-28&format=xlsx');
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(3).value).toBe('Код партнёра');
    const row = sheet.getRow(2);
    expect(row.getCell(1).value).toEqual(new Date('2015-02-28T00:00:00Z'));
    expect(row.getCell(2).value).toBe(1);
    expect(row.getCell(11).value).toBe(7996);
    // Shown as a date and as roubles, whatever the reader's locale.
    expect(row.getCell(1).numFmt).toBe('dd.mm.yyyy');
    expect(row.getCell(11).numFmt).toBe('#,##0.00 "₽"');
    expect(sheet.getRow(3).getCell(9).value).toBe(37037.01);
  });

  it('exports the analytics: a row per period and segment, then decision periods, then the window', async () => {
    const json = await api.call('GET', '/api/v1/experiments/exp-2014/analytics?granularity=month', {
      key: analyst,
    });
    const { body } = await file(
      '/api/v1/experiments/exp-2014/analytics?granularity=month&format=csv&lang=en',
    );
    const lines = body.toString('utf8').trim().split('\r\n');
    expect(lines).toHaveLength(
      1 + 2 * (json.body.periods.length + json.body.totals.decisionPeriods.length + 1),
    );
    const windowNonCsk = lines.at(-1)!.split(',');
    expect(windowNonCsk.slice(0, 6)).toEqual([
      'whole window',
      'window',
      '2014-12-08',
      '2015-06-30',
      '',
      'non-CSK',
    ]);
    expect(windowNonCsk[9]).toBe(json.body.totals.window['non-csk'].net);
  });

  it('lists partners, pages them and finds them by name, for an auditor too', async () => {
    const page = await api.call('GET', '/api/v1/partners?limit=2', { key: auditor });
    expect(page.status).toBe(200);
    expect(page.body.items.map((p: { partnerId: string }) => p.partnerId)).toEqual(['P1', 'P2']);
    const found = await api.call('GET', '/api/v1/partners?search=%D0%B1%D0%B5%D1%82%D0%B0', {
      key: auditor,
    });
    expect(found.body.items).toMatchObject([{ partnerId: 'P2', segment: 'csk', payingClients: 3 }]);
  });

  it('shows a partner on a date: its place, and why it is not published', async () => {
    const before = await api.call('GET', '/api/v1/partners/P1/profile?asOf=2015-02-09', {
      key: analyst,
    });
    expect(before.body).toMatchObject({
      rank: { all: 1, segment: 1 },
      published: false,
      notPublishedBecause: [{ code: 'TOO_FEW_PAYING_CLIENTS', payingClients: 9, required: 10 }],
    });
    const after = await api.call('GET', '/api/v1/partners/P1/profile?asOf=2015-02-10', {
      key: analyst,
    });
    expect(after.body).toMatchObject({ published: true, notPublishedBecause: [] });
    expect(after.body.months).toEqual([
      {
        month: '2014-12',
        sales: 0,
        retail: '0.00',
        discount: '0.00',
        net: '0.00',
        newClients: 10,
        newPayingClients: 0,
      },
      {
        month: '2015-01',
        sales: 10,
        retail: '9995.00',
        discount: '1999.00',
        net: '7996.00',
        newClients: 0,
        newPayingClients: 0,
      },
      {
        month: '2015-02',
        sales: 0,
        retail: '0.00',
        discount: '0.00',
        net: '0.00',
        newClients: 0,
        newPayingClients: 10,
      },
    ]);
    const p3 = await api.call('GET', '/api/v1/partners/P3/profile?asOf=2015-03-31', {
      key: analyst,
    });
    expect(p3.body.notPublishedBecause).toEqual([
      { code: 'TOO_FEW_PAYING_CLIENTS', payingClients: 2, required: 10 },
      { code: 'OBLIGATIONS_BREACHED', since: '2015-03-01' },
    ]);
    expect(p3.body.timeline).toEqual([
      { status: 'astral', on: '2015-01-20', value: true },
      { status: 'obligations', on: '2015-03-01', value: 'breached' },
    ]);
  });

  it('lists the experiments with their decisions, and the generations', async () => {
    const experiments = await api.call('GET', '/api/v1/experiments', { key: analyst });
    expect(experiments.body.items).toMatchObject([
      {
        experimentId: 'exp-2014',
        decisions: [
          { decision: 'change', effectiveOn: '2015-04-01' },
          { decision: 'extend', effectiveOn: '2015-05-15', newEndsOn: '2015-06-30' },
        ],
      },
    ]);
    const generations = await api.call('GET', '/api/v1/generations', { key: analyst });
    expect(generations.body.asOf).toEqual([]);
  });

  it('documents the files with their content types', async () => {
    const doc = (await (await fetch(`${api.url}/docs-json`)).json()) as {
      paths: Record<string, { get: { responses: Record<string, { content: object }> } }>;
    };
    const content = doc.paths['/api/v1/rankings'].get.responses['200'].content;
    expect(Object.keys(content)).toEqual([
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });
});
