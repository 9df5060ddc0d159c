/**
 * The HTTP load generator, run as its own process: POSTs a sale with a fresh id per request for a
 * bounded time, on loopback. Args: url key seconds connections [overallRate]. Prints one JSON line.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon');

const [url, key, seconds, connections, rate] = process.argv.slice(2);
let n = 0;
autocannon(
  {
    url: `${url}/api/v1/sales`,
    connections: Number(connections),
    duration: Number(seconds),
    ...(rate ? { overallRate: Number(rate) } : {}),
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request: Record<string, unknown>) => ({
          ...request,
          body: JSON.stringify({
            saleId: `S-${rate ?? 'max'}-${n++}`,
            partnerId: 'P1',
            clientId: 'C1',
            positionCode: 'BP-5-12',
            quantity: 1,
            soldOn: '2015-01-15',
          }),
        }),
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
    process.stdout.write(
      `${JSON.stringify({ perSec: result.requests.average, p99: result.latency.p99, ok: result['2xx'], failed: result.non2xx + result.errors })}\n`,
    );
  },
);
