/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, chromium, Locator, Page } from 'playwright-core';

/** Debian's Chromium, which `.ci/run` installs; the browser suites are skipped, by name, without it. */
export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const describeInBrowser = hasChromium ? describe : describe.skip;
/** A suite's title, saying why it was skipped when it was. */
export const browserTitle = (what: string) =>
  hasChromium
    ? `${what} in a real browser (Debian’s Chromium)`
    : `${what} — SKIPPED: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does)`;

const ROOT = join(__dirname, '..', '..');

/** The console's files (built by `npm run build`; this builds them only when out of date), then Chromium. */
export function launchConsoleBrowser(): Promise<Browser> {
  execFileSync('node', [join(ROOT, 'apps', 'console', 'build.mjs')], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh tab at 1280 px in Moscow's time and Russian, signed in to the console with `key`. */
export async function signedIn(
  browser: Browser,
  url: string,
  key: string,
  firstPage: string,
): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    locale: 'ru-RU',
    timezoneId: 'Europe/Moscow',
  });
  context.setDefaultTimeout(8_000);
  const page = await context.newPage();
  await page.goto(`${url}/console`);
  await page.getByLabel('API-ключ').fill(key);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('heading', { name: firstPage, level: 1 }).waitFor();
  return page;
}

/** The texts of a table's body rows, cell by cell, the no-break spaces of Russian numbers as plain spaces. */
export const bodyRows = (table: Locator) =>
  table.evaluate((t: HTMLTableElement) =>
    Array.from(t.tBodies[0].rows, (r) =>
      Array.from(r.cells, (c) => (c.textContent ?? '').replace(/\u00a0/g, ' ')),
    ),
  );
