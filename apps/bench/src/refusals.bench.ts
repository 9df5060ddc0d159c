import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_RATE_LIMIT } from '../../api/src/config';
import { fresh, seedOnePartner, startServer } from './bench-server';

/** Bytes of every file in the data dir (the databases and their WAL files). */
const dataDirBytes = (dataDir: string) =>
  readdirSync(dataDir).reduce((sum, name) => sum + statSync(join(dataDir, name)).size, 0);

/** A sale the rules refuse (422 EXPERIMENT_NOT_ACTIVE: sold after the experiment ended). */
const refusedSale = (n: number) => ({
  saleId: `R${n}`,
  partnerId: 'P1',
  clientId: 'C1',
  positionCode: 'BP-5-12',
  quantity: 1,
  soldOn: '2015-06-01',
});

/**
 * How much the refusals journal grows, and what bounds it: one partner key sends refused sales as
 * fast as it can for `seconds` against the default rate limit. Each 422 is journaled (a
 * CommandRefused event, its leaf, its row in the audit index); each 429 is not. Growth per key is
 * bounded by the limit: limit/s × 3 600 × bytes on disk per refusal.
 */
export async function refusalsBench(seconds: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'fresh-bench-refusals-'));
  const vendor = fresh(dataDir, 'keys', 'create', '--role', 'vendor');
  const partner = fresh(dataDir, 'keys', 'create', '--role', 'partner', '--partner', 'P1');
  const limit = DEFAULT_RATE_LIMIT;
  const server = await startServer(dataDir, { FRESH_RATE_LIMIT: String(limit) });
  let refused = 0;
  let limited = 0;
  let elapsed = 0;
  let before = 0;
  try {
    await seedOnePartner(server.url, vendor, partner);
    before = dataDirBytes(dataDir);
    const started = performance.now();
    const until = started + seconds * 1000;
    let n = 0;
    const sender = async () => {
      while (performance.now() < until) {
        const answer = await fetch(`${server.url}/api/v1/sales`, {
          method: 'POST',
          headers: { authorization: `Bearer ${partner}`, 'content-type': 'application/json' },
          body: JSON.stringify(refusedSale(n++)),
        });
        await answer.arrayBuffer();
        if (answer.status === 422) refused++;
        else if (answer.status === 429) limited++;
        else throw new Error(`a refused sale answered ${answer.status}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, sender));
    elapsed = (performance.now() - started) / 1000;
  } finally {
    await server.stop();
  }
  // The server is gone (its WAL checkpointed on close): what the journal holds and what it cost.
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  const stored = db
    .prepare<[], { count: number; bytes: number }>(
      `SELECT count(*) AS count, sum(length(CAST(data AS BLOB)) + length(CAST(metadata AS BLOB))
         + length(hash) + length(stream_id) + length(type)) AS bytes
       FROM events WHERE type = 'CommandRefused'`,
    )
    .get()!;
  db.close();
  if (stored.count !== refused) throw new Error(`${refused} refused, ${stored.count} journaled`);
  const diskBytesPerRefusal = (dataDirBytes(dataDir) - before) / refused;
  return {
    refused,
    rateLimited: limited,
    limitPerSec: limit,
    refusalsPerSecAtLimit: refused / elapsed,
    bytesPerRefusal: stored.bytes / stored.count,
    diskBytesPerRefusal,
    mbPerKeyHourAtLimit: (limit * 3600 * diskBytesPerRefusal) / 2 ** 20,
  };
}
