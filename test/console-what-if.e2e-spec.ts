/// <reference lib="dom" />
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { Browser } from 'playwright-core';
import {
  bodyRows,
  browserTitle,
  describeInBrowser,
  launchConsoleBrowser,
  signedIn,
} from './support/console-browser';
import { seedConsoleScenario } from './support/console-scenario';
import { Harness, tempDataDir } from './support/harness';

/**
 * The console's what-if page in Chromium, on the console's scenario (support/console-scenario):
 * 12 non-CSK sales of UT-1-1 at 999.50 (20 %: discount 199.90 each) and 3 CSK sales of BP-5-12 at
 * 12345.67 (50 %: 6172.84 each). The analyst asks: 25 % for non-CSK partners, a CSK rate of 40 %,
 * and no extension.
 *   non-CSK: 999.50 × 0.25 = 249.875 → 249.88; × 12 = 2998.56 (actual 2398.80)
 *   CSK:   12345.67 × 0.40 = 4938.268 → 4938.27; × 3 = 14814.81 (actual 18518.52)
 *   discount: actual 20917.32, scenario 17813.37, difference −3103.95
 */
describeInBrowser(browserTitle('the console’s what-if page'), () => {
  let api: Harness;
  let browser: Browser;
  let analyst: string;

  beforeAll(async () => {
    api = await Harness.start(tempDataDir());
    ({ analyst } = await seedConsoleScenario(api));
    browser = await launchConsoleBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  it('sets the terms, runs the scenario, shows actual against scenario to the kopeck, and exports it', async () => {
    const page = await signedIn(browser, api.url, analyst, 'Эксперимент');
    await page
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: 'Что если' })
      .click();
    await page.getByRole('heading', { name: 'Что если', level: 1 }).waitFor();

    const terms = page.getByRole('form', { name: 'Условия сценария' });
    await terms.getByLabel('Ставка скидки не ЦСК').fill('0,25');
    await terms.getByLabel('Ставка скидки ЦСК').fill('0.40');
    await terms.getByLabel('учитывать: продление 15.05.2015 → 30.06.2015').uncheck();
    await terms.getByRole('button', { name: 'Рассчитать' }).click();

    const totals = page.getByRole('table', { name: 'Итоги: факт и сценарий' });
    await totals.waitFor();
    const rows = await bodyRows(totals);
    expect(rows.find((r) => r[0] === 'Скидка')).toEqual([
      'Скидка',
      '20 917,32 ₽',
      '17 813,37 ₽',
      '−3 103,95 ₽',
    ]);
    expect(rows.find((r) => r[0] === 'Продажи, шт.')).toEqual(['Продажи, шт.', '15', '15', '0']);
    await page.getByText('сценарий 08.12.2014 — 31.05.2015').waitFor();
    await page.getByText('без изменений 0, другая сумма 15, другое правило 0, отказ 0').waitFor();
    // One chart per measure, actual and scenario on it.
    await expect(page.getByRole('img', { name: 'Скидка: факт и сценарий' }).count()).resolves.toBe(
      1,
    );
    const january = (
      await bodyRows(
        page.getByRole('table', { name: 'Разница по периодам (сценарий − факт), все сегменты' }),
      )
    ).find((r) => r[0] === '2015-01')!;
    // January discount: 10 non-CSK × (249.88 − 199.90 = 49.98) + 3 CSK × (4938.27 − 6172.84 = −1234.57).
    expect(january[3]).toBe('−3 203,91 ₽');

    const exports = page.getByRole('group', { name: 'Выгрузить: Что если' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      exports.getByRole('button', { name: 'XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('what-if-exp-2014-month.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const total = sheet.getRow(sheet.rowCount - 2);
    expect([total.getCell(1).value, total.getCell(4).value]).toEqual(['итого', 'все']);
    expect(total.getCell(header.indexOf('Скидка, ₽ — сценарий') + 1).value).toBe(17813.37);
    expect(total.getCell(header.indexOf('Скидка, ₽ — разница') + 1).value).toBe(-3103.95);
    await page.context().close();
  });

  it('says so when the scenario is reality: the identity check', async () => {
    const page = await signedIn(browser, api.url, analyst, 'Эксперимент');
    await page
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: 'Что если' })
      .click();
    await page.getByRole('heading', { name: 'Что если', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Рассчитать' }).click();
    await page.getByText('Проверка тождества: сценарий совпадает с действительностью').waitFor();
    await page.context().close();
  });
});
