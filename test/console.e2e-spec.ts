/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventStore } from '@fresh/event-store';
import { ReadStore, replay } from '@fresh/read-models';
import { Browser, Locator, Page } from 'playwright-core';
import {
  bodyRows,
  browserTitle,
  describeInBrowser,
  launchConsoleBrowser,
  signedIn as signedInTab,
} from './support/console-browser';
import { seedConsoleScenario } from './support/console-scenario';
import { Harness, tempDataDir } from './support/harness';

const ROOT = join(__dirname, '..');
/** Screenshots of each page, for a person to look at (not committed). */
const SHOTS = join(ROOT, '.tmp', 'console-screenshots');

const title = browserTitle('the analysts’ console');

/** Polls until `read` gives what `expected` is (at most 10 s), then asserts it, so a failure shows the last value. */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<void> {
  let last: T = await read();
  for (const until = Date.now() + 10_000; Date.now() < until;) {
    if (JSON.stringify(last) === JSON.stringify(expected)) break;
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  expect(last).toEqual(expected);
}

/** Text as shown, with the no-break spaces of Russian numbers as plain spaces. */
const text = (s: string | null) => (s ?? '').replace(/\u00a0/g, ' ');

const footRow = (table: Locator) =>
  table.evaluate((t: HTMLTableElement) =>
    Array.from(t.tFoot?.rows[0]?.cells ?? [], (c) => (c.textContent ?? '').replace(/\u00a0/g, ' ')),
  );

describeInBrowser(title, () => {
  let api: Harness;
  let browser: Browser;
  let analyst: string;
  let auditor: string;
  let partnerKey: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    api = await Harness.start(tempDataDir());
    ({ analyst, auditor } = await seedConsoleScenario(api));
    partnerKey = api.key('partner', 'P1');
    // What `fresh replay --until 2015-02-09` builds: the world as of that day, next to the live one.
    await replay(api.app.get(EventStore), api.app.get(ReadStore), { until: '2015-02-09' });
    browser = await launchConsoleBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  /** A fresh tab at 1280 px, signed in with the analyst's key (or another). */
  function signedIn(key = analyst, firstPage = 'Эксперимент'): Promise<Page> {
    return signedInTab(browser, api.url, key, firstPage);
  }
  const goTo = async (page: Page, name: string) => {
    await page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name }).click();
    await page.getByRole('heading', { name, level: 1 }).waitFor();
  };
  const setDate = (page: Page, date: string) => page.getByLabel('На дату').fill(date);

  it('signs in with an analyst key kept out of the URL and storage, refuses other keys, and signs out', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${api.url}/console/`);
    await page.screenshot({ path: join(SHOTS, 'sign-in.png') });
    await page.getByLabel('API-ключ').fill('fp_not_a_key');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toContain('Ключ не принят');
    await page.getByLabel('API-ключ').fill(partnerKey);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('нужна роль analyst, vendor или auditor').waitFor();

    await page.getByLabel('API-ключ').fill(analyst);
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByRole('heading', { name: 'Эксперимент', level: 1 }).waitFor();
    expect(page.url()).not.toContain(analyst);
    const stored = await page.evaluate(() => [
      JSON.stringify(localStorage),
      JSON.stringify(sessionStorage),
      document.cookie,
    ]);
    expect(stored.join('')).not.toContain(analyst);
    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByLabel('API-ключ').waitFor();
    await page.close();
  });

  it('charts the experiment week by week: one point per week, table totals equal the API’s, decision markers on their dates', async () => {
    const page = await signedIn();
    const analytics = (
      await api.call('GET', '/api/v1/experiments/exp-2014/analytics?granularity=week', {
        key: analyst,
      })
    ).body;
    // 8 Dec 2014 (a Monday) to 30 Jun 2015: 30 ISO weeks.
    expect(analytics.periods).toHaveLength(30);
    const chart = page.getByRole('img', { name: 'К оплате по неделям: ЦСК и не ЦСК' });
    await chart.waitFor();
    const points = chart.locator('g[aria-description="ЦСК"] circle');
    expect(await points.count()).toBe(30);
    expect(await chart.locator('g[aria-description="не ЦСК"] circle').count()).toBe(30);

    const table = page.getByRole('table', { name: 'К оплате: таблица' });
    expect(await bodyRows(table)).toHaveLength(30);
    const total = analytics.totals.window;
    expect(total.csk.net).toBe('18518.49');
    expect(total['non-csk'].net).toBe('9595.20');
    expect(await footRow(table)).toEqual([
      'Итого за окно',
      '08.12.2014',
      '30.06.2015',
      '18 518,49 ₽',
      '9 595,20 ₽',
      '28 113,69 ₽',
    ]);
    const sales = page.getByRole('table', { name: 'Продажи, шт.: таблица' });
    expect((await footRow(sales)).slice(3)).toEqual([
      String(total.csk.sales),
      String(total['non-csk'].sales),
      String(total.csk.sales + total['non-csk'].sales),
    ]);

    // Each point sits at the start of its week; a marker's x must be where its date falls between them.
    const xOf = (l: Locator, attribute: string) =>
      l.evaluate((e, a) => Number(e.getAttribute(a)), attribute);
    const firstX = await xOf(points.first(), 'cx');
    const lastX = await xOf(points.last(), 'cx');
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    const first = day(analytics.periods[0].from);
    const last = day(analytics.periods.at(-1).from);
    const expectedX = (iso: string) =>
      firstX + ((day(iso) - first) / (last - first)) * (lastX - firstX);
    for (const [label, date] of [
      ['начало 08.12.2014', '2014-12-08'],
      ['изменение 01.04.2015', '2015-04-01'],
      ['продление 15.05.2015', '2015-05-15'],
      ['окончание 30.06.2015', '2015-06-30'],
    ]) {
      const marker = chart.locator(`line[aria-label="${label}"]`);
      expect(Math.abs((await xOf(marker, 'x1')) - expectedX(date))).toBeLessThan(1.5);
    }
    await page.screenshot({ path: join(SHOTS, 'overview.png'), fullPage: true });
    await page.context().close();
  });

  it('ranks the right partners in the right order on two dates, and a row opens the partner', async () => {
    const page = await signedIn();
    await goTo(page, 'Рейтинг');
    await setDate(page, '2015-01-31');
    const on = (date: string) => page.getByRole('table', { name: `Рейтинг партнёров на ${date}` });
    const firstColumns = async (date: string) =>
      (await bodyRows(on(date))).map((r) => [r[0], r[1], r[5], r[9]]);
    await eventually(
      () => firstColumns('31.01.2015'),
      [
        ['1', 'P2', '3', '18 518,49 ₽'],
        ['2', 'P1', '0', '7 996,00 ₽'],
        ['3', 'P3', '0', '0,00 ₽'],
      ],
    );
    await setDate(page, '2015-02-28');
    await eventually(
      () => firstColumns('28.02.2015'),
      [
        ['1', 'P1', '10', '7 996,00 ₽'],
        ['2', 'P2', '3', '18 518,49 ₽'],
        ['3', 'P3', '2', '1 599,20 ₽'],
      ],
    );
    await page.screenshot({ path: join(SHOTS, 'rankings.png'), fullPage: true });

    await page.getByRole('searchbox', { name: 'Поиск по коду или названию' }).fill('гамм');
    await eventually(() => firstColumns('28.02.2015'), [['3', 'P3', '2', '1 599,20 ₽']]);
    await page.getByRole('link', { name: 'P3' }).click();
    await page.getByRole('heading', { name: 'Партнёр P3 — ООО «Гамма»' }).waitFor();
    await setDate(page, '2015-03-31');
    await eventually(
      async () => text(await page.getByRole('note', { name: 'Публикуемый список' }).textContent()),
      'Не в публикуемом списке (31.03.2015): 2 платящих клиентов из 10; обязательства нарушены с 01.03.2015',
    );
    await eventually(
      () => bodyRows(page.getByRole('table', { name: 'История статусов' })),
      [
        ['20.01.2015', 'Сертификат Астрал', 'да'],
        ['01.03.2015', 'Обязательства', 'нарушены'],
      ],
    );
    await page.screenshot({ path: join(SHOTS, 'partner.png'), fullPage: true });
    await page.context().close();
  });

  it('changes the published list on the day a partner reaches its tenth paying client', async () => {
    const page = await signedIn();
    await goTo(page, 'Публикуемый список');
    await setDate(page, '2015-02-09');
    const list = (date: string) =>
      page.getByRole('table', { name: `Партнёры публикуемого списка на ${date}` });
    await eventually(() => bodyRows(list('09.02.2015')), [['Нет строк']]);
    await setDate(page, '2015-02-10');
    await eventually(
      async () => (await bodyRows(list('10.02.2015'))).map((r) => [r[1], r[5]]),
      [['P1', '10']],
    );
    await page.screenshot({ path: join(SHOTS, 'published.png'), fullPage: true });
    await page.getByRole('link', { name: 'P1' }).click();
    await setDate(page, '2015-02-09');
    await eventually(
      async () => text(await page.getByRole('note', { name: 'Публикуемый список' }).textContent()),
      'Не в публикуемом списке (09.02.2015): 9 платящих клиентов из 10',
    );
    await page.context().close();
  });

  it('downloads the ranking as CSV for Russian Excel and as XLSX, holding the same numbers', async () => {
    const page = await signedIn();
    await goTo(page, 'Рейтинг');
    await setDate(page, '2015-02-28');
    await page.getByRole('table', { name: 'Рейтинг партнёров на 28.02.2015' }).waitFor();
    const exports = page.getByRole('group', { name: 'Выгрузить: Рейтинг партнёров на 28.02.2015' });
    const fetchFile = async (button: string) => {
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        exports.getByRole('button', { name: button }).click(),
      ]);
      return { name: download.suggestedFilename(), body: readFileSync(await download.path()) };
    };
    const csv = await fetchFile('CSV для Excel');
    expect(csv.name).toBe('rankings-2015-02-28.csv');
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.body.toString('utf8').slice(1).trim().split('\r\n');
    const csvRows = lines.slice(1).map((l) => l.split(';'));
    const fromCsv = csvRows.map((r) => [r[2], Number(r[6]), Number(r[10].replace(',', '.'))]);
    expect(fromCsv).toEqual([
      ['P1', 10, 7996],
      ['P2', 3, 18518.49],
      ['P3', 2, 1599.2],
    ]);

    const xlsx = await fetchFile('XLSX');
    expect(xlsx.name).toBe('rankings-2015-02-28.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect(sheet.getRow(1).getCell(11).value).toBe('К оплате, ₽');
    const fromXlsx = [2, 3, 4].map((i) => {
      const row = sheet.getRow(i);
      return [row.getCell(3).value, row.getCell(7).value, row.getCell(11).value];
    });
    expect(fromXlsx).toEqual(fromCsv);
    expect(sheet.getRow(2).getCell(1).value).toEqual(new Date('2015-02-28T00:00:00Z'));
    await page.context().close();
  });

  it('switches to English: labels, dates and money change', async () => {
    const page = await signedIn();
    await goTo(page, 'Рейтинг');
    await setDate(page, '2015-02-28');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Ranking', level: 1 }).waitFor();
    const table = page.getByRole('table', { name: 'Partner ranking as of 2015-02-28' });
    await eventually(
      async () => (await bodyRows(table))[0]?.slice(0, 4),
      ['1', 'P1', 'ООО «Альфа»', 'non-CSK'],
    );
    expect((await bodyRows(table))[1][9]).toBe('18,518.49 ₽');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.screenshot({ path: join(SHOTS, 'rankings-en.png'), fullPage: true });
    await page.context().close();
  });

  it('reads an as-of generation built by fresh replay --until when it is chosen', async () => {
    const page = await signedIn();
    await page.getByLabel('Данные').selectOption({ label: 'мир на 09.02.2015' });
    await goTo(page, 'Рейтинг');
    expect(await page.getByLabel('На дату').inputValue()).toBe('2015-02-09');
    const table = page.getByRole('table', { name: 'Рейтинг партнёров на 09.02.2015' });
    await eventually(
      async () => (await bodyRows(table)).map((r) => [r[1], r[5]]),
      [
        ['P1', '9'],
        ['P2', '3'],
        ['P3', '2'],
      ],
    );
    await page.getByRole('link', { name: 'P3' }).click();
    // The breach of 1 Mar 2015 is not in the world as of 9 Feb.
    await eventually(
      () => bodyRows(page.getByRole('table', { name: 'История статусов' })),
      [['20.01.2015', 'Сертификат Астрал', 'да']],
    );
    await page.context().close();
  });

  it('lets an auditor find a partner and open it, without the analysts’ pages', async () => {
    const page = await signedIn(auditor, 'Партнёры');
    const nav = page.getByRole('navigation', { name: 'Разделы' });
    // The analysts' pages are not an auditor's; the audit pages are (test/console-audit.e2e-spec.ts).
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Партнёры',
      'Продажи',
      'Отказы',
      'Контрольная точка',
    ]);
    await page.getByRole('searchbox', { name: 'Поиск по коду или названию' }).fill('бета');
    const table = page.getByRole('table', { name: 'Партнёры сегодня' });
    await eventually(
      async () => (await bodyRows(table)).map((r) => [r[0], r[1], r[4], r[5]]),
      [['P2', 'ООО «Бета-ЦСК»', 'ЦСК', '3']],
    );
    await page.screenshot({ path: join(SHOTS, 'partners-auditor.png'), fullPage: true });
    await page.getByRole('cell', { name: 'ООО «Бета-ЦСК»' }).click();
    await page.getByRole('heading', { name: 'Партнёр P2 — ООО «Бета-ЦСК»' }).waitFor();
    await page.context().close();
  });
});
