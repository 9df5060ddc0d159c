import { traceSale } from '@fresh/audit';
import { EmbeddedReadStore, ReadModelQueries } from '@fresh/read-models';
import { simulate, sizeForEvents } from '@fresh/simulation';
import Database from 'better-sqlite3';
import { Command } from 'commander';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { exitCodeOf, wholeNumber, withConventions } from '../../cli/src/command-line';
import { appendAndReadBench } from './append-read.bench';
import { consoleBench } from './console.bench';
import { httpBench } from './http.bench';
import { median, round, timed } from './measure';
import { notaryBench } from './notary.bench';
import { refusalsBench } from './refusals.bench';
import { whatIfBench } from './what-if.bench';

import { sealedLog } from './sealed-log';

const log = (line: string) => process.stderr.write(`${line}\n`);

/** A simulated experiment log of about `events` events, in a data dir of its own. */
async function buildLog(events: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'fresh-bench-log-'));
  const store = sealedLog(dataDir);
  const summary = await simulate(store, {
    ...sizeForEvents(events),
    seed: 42,
    from: '2014-12-01',
    to: '2015-12-31',
    maxEvents: events,
  });
  await store.close();
  return { dataDir, summary };
}

/** The physical limit: read every event row in order and JSON.parse it, nothing else. */
function rawReadParse(dataDir: string): { events: number; perSec: number } {
  const db = new Database(join(dataDir, 'events.db'), { readonly: true });
  const started = process.hrtime.bigint();
  let count = 0;
  for (const row of db
    .prepare<[], { data: string; metadata: string }>(
      'SELECT data, metadata FROM events ORDER BY position',
    )
    .iterate()) {
    JSON.parse(row.data);
    JSON.parse(row.metadata);
    count++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return { events: count, perSec: count / seconds };
}

/** V8's old-space cap for the second replay run: about twice what a 1M-event replay keeps live. */
const HEAP_LIMIT_MB = 320;

function replayInChild(
  dataDir: string,
  nodeFlags: string[] = [],
): { events: number; seconds: number; peakRssMb: number } {
  for (const file of ['read-models.db', 'read-models.db-wal', 'read-models.db-shm'])
    rmSync(join(dataDir, file), { force: true });
  const output = execFileSync('node', [...nodeFlags, join(__dirname, 'replay-child.js'), dataDir], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

async function queryTimes(dataDir: string) {
  const reads = new EmbeddedReadStore(join(dataDir, 'read-models.db'));
  const events = sealedLog(dataDir);
  const queries = new ReadModelQueries(reads);
  const rankings = () =>
    queries.rankings({ asOf: '2015-06-30', segment: 'all', publishedOnly: false });
  await rankings(); // loads the documents into memory, as a running service has them
  const rankingMs: number[] = [];
  for (let i = 0; i < 5; i++) rankingMs.push((await timed(rankings)).seconds * 1000);
  const traceMs: number[] = [];
  for (let i = 1; i <= 20; i++) {
    const saleId = `S${String(i * 7).padStart(7, '0')}`;
    traceMs.push((await timed(() => traceSale(events, saleId))).seconds * 1000);
  }
  await reads.close();
  await events.close();
  return { asOfRankingsMs: median(rankingMs), auditTraceMs: median(traceMs) };
}

interface BenchOptions {
  quick?: boolean;
  json?: boolean;
  events?: number;
}

const program = withConventions(
  new Command('npm run bench --')
    .description(
      'measure on this machine: replay against the raw read limit, appends and reads against ' +
        "Emmett's SQLite store, commands in process and over HTTP, an as-of ranking, an audit trace",
    )
    .option(
      '--quick',
      'a small run: logs of 20 000 and 2 000 events, fewer appends and HTTP seconds',
    )
    .option('--json', 'after the table, print every figure as one JSON line')
    .option(
      '--events <n>',
      'size of the large simulated log (default 1 000 000, or 20 000 with --quick); the small one is a tenth',
      wholeNumber,
    )
    .action((options: BenchOptions) => bench(options)),
);

async function bench(values: BenchOptions) {
  const big = values.events ?? (values.quick ? 20_000 : 1_000_000);
  const small = Math.round(big / 10);
  const machine = {
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    kernel: release(),
  };

  log(`building simulated logs of ${big} and ${small} events …`);
  const large = await buildLog(big);
  const little = await buildLog(small);
  log(`raw read + parse …`);
  const raw = rawReadParse(large.dataDir);
  log(`replay (child processes) …`);
  const replayBig = replayInChild(large.dataDir);
  const replaySmall = replayInChild(little.dataDir);
  const replayCapped = replayInChild(large.dataDir, [`--max-old-space-size=${HEAP_LIMIT_MB}`]);
  // A replay reads only the events projections use; its rate is over the whole log it covers.
  const eventsPerSec = raw.events / replayBig.seconds;
  log(`append and read, ours and Emmett's …`);
  const storage = await appendAndReadBench(values.quick ? 20_000 : 100_000);
  log(`commands over HTTP …`);
  const http = await httpBench(values.quick ? 3 : 10);
  log(`as-of rankings and audit trace …`);
  const times = await queryTimes(large.dataDir);
  log(`the notary: its tree, proofs, a verify …`);
  const notary = await notaryBench(large.dataDir);
  log(`refused commands journaled, against the rate limit …`);
  const refusals = await refusalsBench(values.quick ? 3 : 12);
  log(`what-if over HTTP, /health meanwhile …`);
  const whatIf = await whatIfBench(large.dataDir);
  log(`the console's requests over HTTP …`);
  const consoleTimes = await consoleBench(large.dataDir, values.quick ? 3 : 5);

  const result = {
    machine,
    replay: {
      events: raw.events,
      eventsProjected: replayBig.events,
      seconds: round(replayBig.seconds, 2),
      eventsPerSec: round(eventsPerSec),
      rawReadParsePerSec: round(raw.perSec),
      ratioToRaw: round(eventsPerSec / raw.perSec, 3),
      peakRssMb: round(replayBig.peakRssMb),
      heapLimitMb: HEAP_LIMIT_MB,
      secondsWithHeapLimit: round(replayCapped.seconds, 2),
      peakRssMbWithHeapLimit: round(replayCapped.peakRssMb),
      perEventCostRatio1MTo100k: round(
        replayBig.seconds / replayBig.events / (replaySmall.seconds / replaySmall.events),
        3,
      ),
    },
    append: storage.append,
    read: storage.read,
    commands: {
      inProcessPerSec: round(large.summary.commandsPerSec),
      httpWorkers: http.httpWorkers,
      httpPerSec: round(http.httpPerSec),
      httpP99Ms: round(http.httpP99Ms, 1),
      httpAccepted: http.httpOk,
      httpRefused: http.httpFailed,
    },
    asOfRankingsMs: round(times.asOfRankingsMs, 1),
    auditTraceMs: round(times.auditTraceMs, 2),
    notary: Object.fromEntries(
      Object.entries(notary).map(([k, v]) => [k, k === 'leaves' ? v : round(v, 3)]),
    ),
    refusals: Object.fromEntries(
      Object.entries(refusals).map(([k, v]) => [k, round(v, k.startsWith('mb') ? 1 : 0)]),
    ),
    whatIf: {
      seconds: round(whatIf.seconds, 2),
      firstSeconds: round(whatIf.firstSeconds, 2),
      runs: whatIf.runs,
      healthP99Ms: round(whatIf.healthP99Ms, 1),
      healthRequests: whatIf.healthRequests,
    },
    console: Object.fromEntries(
      Object.entries(consoleTimes).map(([k, v]) => [
        k,
        k === 'partners' || v === null ? v : round(v, 1),
      ]),
    ),
    sizes: {
      events: big,
      small,
      partners: sizeForEvents(big).partners,
      clients: sizeForEvents(big).clients,
    },
  };
  printTable(result);
  if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
}

function printTable(r: Record<string, unknown>) {
  const rows: [string, unknown][] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
    else rows.push([prefix, typeof value === 'number' ? round(value, 3) : value]);
  };
  walk('', r);
  const width = Math.max(...rows.map(([k]) => k.length));
  process.stdout.write(`${rows.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n')}\n`);
}

program.parseAsync().catch((error: unknown) => {
  const usage = exitCodeOf(error);
  if (usage === undefined)
    process.stderr.write(
      `bench failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
  process.exit(usage ?? 1);
});
