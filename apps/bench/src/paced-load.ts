import { Agent, request } from 'node:http';

/** A request unanswered this long counts as failed (as autocannon's default timeout). */
const REQUEST_TIMEOUT_MS = 10_000;

export interface PacedResult {
  perSec: number;
  p99: number;
  ok: number;
  failed: number;
}

/**
 * An open-loop load at a steady rate (as wrk2 does): request k is due at start + k / rate and
 * its latency is counted from that moment, so a stalled server is charged for the requests it
 * kept waiting, not only for the one it was answering. autocannon's `overallRate` is a budget
 * per second spent at full speed, so its "1 000/s" is a burst at saturation then a pause.
 */
export function pacedLoad(options: {
  url: string;
  headers: Record<string, string>;
  body: (k: number) => string;
  rate: number;
  seconds: number;
  connections: number;
}): Promise<PacedResult> {
  const { rate, seconds } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(rate * seconds);
  const latencies: number[] = [];
  let failed = 0;
  let sent = 0;
  const start = performance.now();

  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      latencies.sort((a, b) => a - b);
      const elapsed = (performance.now() - start) / 1000;
      resolve({
        perSec: total / elapsed,
        p99: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
        ok: total - failed,
        failed,
      });
    };
    const send = (k: number) => {
      const due = start + (k * 1000) / rate;
      let answered = false;
      const done = (ok: boolean) => {
        if (answered) return;
        answered = true;
        latencies.push(performance.now() - due);
        if (!ok) failed++;
        if (latencies.length === total) finish();
      };
      const body = options.body(k);
      const req = request(
        options.url,
        {
          method: 'POST',
          agent,
          headers: { ...options.headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode === 201));
        },
      );
      req.on('error', () => done(false));
      req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error('no answer')));
      req.end(body);
    };
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
      while (sent < due) send(sent++);
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
}
