/**
 * The HTTP load generator, run as its own process: POSTs a sale with a fresh id per request for a
 * bounded time, on loopback. Args: url key seconds connections [rate]. Without a rate, autocannon
 * sends as fast as the server answers (throughput); with one, a steady open-loop load (latency).
 * Prints one JSON line.
 */
import { pacedLoad } from './paced-load';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon');

const [url, key, seconds, connections, rate] = process.argv.slice(2);
const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
const sale = (k: number) =>
  JSON.stringify({
    saleId: `S-${rate ?? 'max'}-${k}`,
    partnerId: 'P1',
    clientId: 'C1',
    positionCode: 'BP-5-12',
    quantity: 1,
    soldOn: '2015-01-15',
  });
const print = (result: object) => process.stdout.write(`${JSON.stringify(result)}\n`);

if (rate) {
  void pacedLoad({
    url: `${url}/api/v1/sales`,
    headers,
    body: sale,
    rate: Number(rate),
    seconds: Number(seconds),
    connections: Number(connections),
  }).then(print);
} else {
  let n = 0;
  autocannon(
    {
      url: `${url}/api/v1/sales`,
      connections: Number(connections),
      duration: Number(seconds),
      method: 'POST',
      headers,
      requests: [
        {
          setupRequest: (request: Record<string, unknown>) => ({ ...request, body: sale(n++) }),
        },
      ],
    },
    (
      error: Error | null,
      result: {
        requests: { average: number };
        latency: { p99: number };
        non2xx: number;
        errors: number;
        '2xx': number;
      },
    ) => {
      if (error) throw error;
      print({
        perSec: result.requests.average,
        p99: result.latency.p99,
        ok: result['2xx'],
        failed: result.non2xx + result.errors,
      });
    },
  );
}
