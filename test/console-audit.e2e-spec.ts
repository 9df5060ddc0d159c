/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import { Browser, Page } from 'playwright-core';
import {
  bodyRows,
  browserTitle,
  describeInBrowser,
  launchConsoleBrowser,
  signedIn,
} from './support/console-browser';
import { seedConsoleScenario } from './support/console-scenario';
import { Harness, tempDataDir } from './support/harness';

const title = browserTitle('the auditors’ console pages');

/** The texts of the body rows of the table with this caption. */
const rowsOf = (page: Page, caption: string) =>
  bodyRows(page.locator('table', { has: page.locator('caption', { hasText: caption }) }));

describeInBrowser(title, () => {
  let api: Harness;
  let browser: Browser;
  let auditor: string;

  beforeAll(async () => {
    api = await Harness.start(tempDataDir());
    ({ auditor } = await seedConsoleScenario(api));
    // A sale the rules refuse: after the experiment's end (extended to 30 June 2015).
    const refused = await api.call('POST', '/api/v1/sales', {
      key: api.key('partner', 'P1'),
      body: {
        saleId: 'S-LATE',
        partnerId: 'P1',
        clientId: 'A1',
        positionCode: 'UT-1-1',
        quantity: 1,
        soldOn: '2015-07-01',
      },
      headers: { 'x-correlation-id': 'late-sale' },
    });
    expect([refused.status, refused.body.code]).toEqual([422, 'EXPERIMENT_NOT_ACTIVE']);
    await api.settled();
    browser = await launchConsoleBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  const signedInAsAuditor = () => signedIn(browser, api.url, auditor, 'Партнёры');
  const goTo = async (page: Page, link: string, heading: string) => {
    await page
      .getByRole('navigation', { name: 'Разделы' })
      .getByRole('link', { name: link })
      .click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
  };

  it('an auditor finds a sale, sees its trace derived again and its proofs verified in the browser', async () => {
    const page = await signedInAsAuditor();
    const nav = await page.getByRole('navigation', { name: 'Разделы' }).textContent();
    expect(nav).toBe('ПартнёрыПродажиОтказыКонтрольная точка');
    await goTo(page, 'Продажи', 'Продажи: поиск для аудита');
    await page.getByLabel('Партнёр').fill('P2');
    await page.getByLabel('Правило').selectOption('csk');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByRole('link', { name: 'S-B3' }).waitFor();
    expect(await rowsOf(page, 'Найденные продажи')).toEqual(
      ['B1', 'B2', 'B3'].map((c) => [
        `S-${c}`,
        'P2',
        c,
        '06.01.2015',
        'csk',
        '50 %',
        '6 172,84 ₽',
        '6 172,83 ₽',
      ]),
    );

    await page.getByRole('link', { name: 'S-B1' }).click();
    await page.getByRole('heading', { name: 'Продажа S-B1: след решения', level: 1 }).waitFor();
    const trace = (await api.call('GET', '/api/v1/audit/sales/S-B1', { key: auditor })).body;
    const events = trace.events.length + trace.later.length;
    expect(events).toBe(3); // sold, discount applied; paid later
    const latest = (await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor }))
      .body;
    await page
      .getByText(
        `Доказательства включения: ${events} из ${events} проверено в браузере (SHA-256, RFC 9162) против последней контрольной точки (${latest.treeSize} событий).`,
      )
      .waitFor();
    const proofs = await rowsOf(page, 'События и доказательства включения');
    expect(proofs.map((r) => [r[0], r[4]])).toEqual([
      ['SubscriptionSold', '✓ проверено в браузере'],
      ['DiscountApplied', '✓ проверено в браузере'],
      ['PaymentReceived', '✓ проверено в браузере'],
    ]);
    expect(await page.getByTestId('rederived').textContent()).toBe(
      '✓ совпадает с записанным решением; факты прочитаны заново и совпадают',
    );
  });

  it('shows a refusal on record, and the latest checkpoint to download and a verify with its progress', async () => {
    const page = await signedInAsAuditor();
    await goTo(page, 'Отказы', 'Отказы по правилам');
    await page.getByLabel('Партнёр').fill('P1');
    await page.getByRole('button', { name: 'Найти' }).click();
    await page.getByText('EXPERIMENT_NOT_ACTIVE').waitFor();
    const [refusal] = await rowsOf(page, 'Отклонённые команды');
    expect([refusal[0], refusal[2], refusal[3], refusal[4], refusal[7]]).toEqual([
      'EXPERIMENT_NOT_ACTIVE',
      'P1',
      '01.07.2015',
      'POST /api/v1/sales',
      'late-sale',
    ]);

    await goTo(page, 'Контрольная точка', 'Контрольная точка и проверка журнала');
    const latest = (await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor }))
      .body;
    await page.getByTestId('tree-size').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Скачать JSON' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`checkpoint-${latest.treeSize}.json`);
    const kept = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(kept).toEqual(latest);
    // The file kept is a checkpoint the service verifies the log against.
    const against = await api.call('POST', '/api/v1/audit/verify/checkpoint', {
      key: auditor,
      body: kept,
    });
    expect(against.body.extendsCheckpoint).toBe(true);

    await page.getByRole('button', { name: 'Проверить журнал' }).click();
    await page.getByText('✓ Журнал цел и продолжает контрольную точку.').waitFor();
    // The last progress told: the tree's walk, done.
    expect(await page.getByLabel('Дерево Меркла').getAttribute('value')).toBe('1');
  });
});
