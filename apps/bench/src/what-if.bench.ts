import { fresh, startServer } from './bench-server';
import { median } from './measure';

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

/** The scenario the bench asks: 15 %, the window closed on 2015-03-31, no extension. */
export const BENCH_SCENARIO = { discountRate: '0.15', endsOn: '2015-03-31', decisions: [] };

/**
 * What-ifs over HTTP against the real server on a simulated log (its read models already built,
 * so the projector is idle), while a second client asks /health one request after another. The
 * first scenario after a start reads the log; the later ones (`seconds`: their median) read only
 * what was appended since. /health latencies are over all of them.
 */
export async function whatIfBench(dataDir: string, runs = 4) {
  const analyst = fresh(dataDir, 'keys', 'create', '--role', 'analyst');
  const { url, stop } = await startServer(dataDir);
  try {
    const seconds: number[] = [];
    const healthMs: number[] = [];
    for (let i = 0; i < runs; i++) {
      let asking = true;
      const health = (async () => {
        while (asking) {
          const started = process.hrtime.bigint();
          await (await fetch(`${url}/health`)).arrayBuffer();
          healthMs.push(Number(process.hrtime.bigint() - started) / 1e6);
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      const started = process.hrtime.bigint();
      const answer = await fetch(`${url}/api/v1/experiments/exp-2014/what-if`, {
        method: 'POST',
        headers: { authorization: `Bearer ${analyst}`, 'content-type': 'application/json' },
        body: JSON.stringify({ scenario: BENCH_SCENARIO, granularity: 'month' }),
      });
      const body = (await answer.json()) as { changes?: { sales: number } };
      seconds.push(Number(process.hrtime.bigint() - started) / 1e9);
      asking = false;
      await health;
      if (answer.status !== 200)
        throw new Error(`what-if: ${answer.status} ${JSON.stringify(body)}`);
    }
    return {
      seconds: median(seconds.slice(1)),
      firstSeconds: seconds[0],
      runs,
      healthP99Ms: percentile(healthMs, 99),
      healthRequests: healthMs.length,
    };
  } finally {
    stop();
  }
}
