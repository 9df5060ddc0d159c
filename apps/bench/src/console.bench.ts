import { fresh, startServer } from './bench-server';
import { consoleRenderBench } from './console-render.bench';
import { median } from './measure';

/** Milliseconds per request (median of `runs`), body read to the end, as the console asks them. */
async function timeRequest(url: string, key: string, runs: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const response = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return median(times);
}

/**
 * The console's requests against the real server process on a replayed simulated log: the
 * overview's, a ranking page on several dates, a partner page and the full ranking as files.
 */
export async function consoleBench(dataDir: string, runs: number) {
  const key = fresh(dataDir, 'keys', 'create', '--role', 'analyst');
  const { url: base, stop } = await startServer(dataDir);
  try {
    const api = (path: string) => `${base}/api/v1${path}`;
    const top = (await (
      await fetch(api('/rankings?asOf=2015-06-30&limit=1'), {
        headers: { authorization: `Bearer ${key}` },
      })
    ).json()) as { items: { partnerId: string }[]; total: number };
    const partnerId = top.items[0]?.partnerId ?? 'none';
    const time = (path: string) => timeRequest(api(path), key, runs);
    // The first request loads the documents, as a running service has them after a while.
    await time('/rankings?asOf=2015-06-30&limit=50');
    const rankingPages = [];
    for (const asOf of ['2015-01-15', '2015-03-31', '2015-06-30', '2015-12-31'])
      rankingPages.push(await time(`/rankings?asOf=${asOf}&limit=50`));
    return {
      partners: top.total,
      experimentsMs: await time('/experiments'),
      analyticsWeekMs: await time('/experiments/exp-2014/analytics?granularity=week'),
      analyticsMonthMs: await time('/experiments/exp-2014/analytics?granularity=month'),
      rankingPageMs: Math.max(...rankingPages),
      rankingSearchMs: await time('/rankings?asOf=2015-06-30&limit=50&search=1&sort=-net'),
      publishedListMs: await time('/rankings?asOf=2015-06-30&publishedOnly=true'),
      partnerProfileMs: await time(`/partners/${partnerId}/profile?asOf=2015-06-30`),
      partnerListMs: await time('/partners?limit=100'),
      rankingCsvExcelRuMs: await time('/rankings?asOf=2015-06-30&format=csv&dialect=excel-ru'),
      rankingXlsxMs: await time('/rankings?asOf=2015-06-30&format=xlsx'),
      analyticsXlsxMs: await time('/experiments/exp-2014/analytics?granularity=week&format=xlsx'),
      ...(await consoleRenderBench(base, key, Math.min(runs, 3))),
    };
  } finally {
    stop();
  }
}
