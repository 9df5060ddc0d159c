/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { median } from './measure';

const CHROMIUM = '/usr/bin/chromium';

/** In the page: the time a table with this caption has body rows, after the last response for `path`. */
async function renderedAfterData(page: Page, caption: string, path: string): Promise<number> {
  const shownAt = await page.waitForFunction(
    ([name, p]) => {
      const arrived = performance.getEntriesByType('resource').some((e) => e.name.includes(p));
      const table = Array.from(document.querySelectorAll('table')).find(
        (t) =>
          t.caption?.textContent === name &&
          t.getAttribute('aria-busy') !== 'true' &&
          t.tBodies[0]?.rows.length > 0,
      );
      return arrived && table ? performance.now() : false;
    },
    [caption, path],
    { polling: 'raf', timeout: 60_000 },
  );
  const shown = (await shownAt.jsonValue()) as number;
  const arrived = await page.evaluate(
    (p) =>
      (
        performance
          .getEntriesByType('resource')
          .filter((e) => e.name.includes(p))
          .at(-1) as PerformanceResourceTiming | undefined
      )?.responseEnd ?? 0,
    path,
  );
  return shown - arrived;
}

/**
 * How long the console takes to draw the overview (eight charts and their tables) and a ranking
 * page once their data has arrived, in Debian's Chromium at 1280 px; undefined without Chromium.
 */
export async function consoleRenderBench(base: string, key: string, runs: number) {
  if (!existsSync(CHROMIUM)) return { overviewRenderMs: null, rankingRenderMs: null };
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
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
  try {
    const overview: number[] = [];
    const ranking: number[] = [];
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${base}/console/`);
      await page.getByLabel('API-ключ').fill(key);
      await page.getByRole('button', { name: 'Войти' }).click();
      overview.push(await renderedAfterData(page, 'Итоги по периодам решений', '/analytics'));
      await page.getByRole('link', { name: 'Рейтинг', exact: true }).click();
      await page.getByLabel('На дату').fill('2015-03-31');
      ranking.push(
        await renderedAfterData(page, 'Рейтинг партнёров на 31.03.2015', 'asOf=2015-03-31'),
      );
      await page.close();
    }
    return { overviewRenderMs: median(overview), rankingRenderMs: median(ranking) };
  } finally {
    await browser.close();
  }
}
