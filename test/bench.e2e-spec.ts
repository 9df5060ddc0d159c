import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';

const BENCH = join(__dirname, '..', 'dist', 'apps', 'bench', 'src', 'main.js');
const bench = (args: string[]) => spawnSync('node', [BENCH, ...args], { encoding: 'utf8' });

describe('npm run bench -- --help', () => {
  it('prints its usage with every option and exits 0, measuring nothing', () => {
    const run = bench(['--help']);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout.startsWith('Usage: npm run bench -- [options]\n')).toBe(true);
    for (const option of ['--quick', '--json', '--events <n>', '-h, --help'])
      expect(run.stdout).toContain(option);
  });

  it.each([
    [['--events', 'many'], /^error: option '--events <n>' argument 'many' is invalid/],
    [['--fast'], /^error: unknown option '--fast'$/],
  ])('refuses %j with exit code 2 and one line', (args, line) => {
    const run = bench(args);
    expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 2, stdout: '' });
    expect(run.stderr).toMatch(/^[^\n]+\n$/);
    expect(run.stderr.trimEnd()).toMatch(line);
  });
});

/** The benchmark's JSON has every field BENCHMARKS.md reports; its speed is not a test's business. */
describe('npm run bench -- --quick --json', () => {
  it('prints one JSON object on its last line with every figure', () => {
    const run = spawnSync('node', [BENCH, '--quick', '--json', '--events', '4000'], {
      encoding: 'utf8',
      timeout: 170_000,
    });
    // On a failure, what the bench said is in the message.
    expect({ status: run.status, said: run.status === 0 ? '' : run.stderr.slice(-2_000) }).toEqual({
      status: 0,
      said: '',
    });
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    const number = expect.any(Number);
    // The peer's figures: null when Emmett's store failed in this run (its crash is its result).
    const peer = {
      asymmetricMatch: (value: unknown) => value === null || typeof value === 'number',
      toAsymmetricMatcher: () => 'a number or null',
    };
    expect(result).toEqual({
      machine: {
        cpus: number,
        cpu: expect.any(String),
        memoryGb: number,
        node: process.version,
        kernel: expect.any(String),
      },
      replay: {
        events: number,
        eventsProjected: number,
        seconds: number,
        eventsPerSec: number,
        rawReadParsePerSec: number,
        ratioToRaw: number,
        peakRssMb: number,
        heapLimitMb: 320,
        secondsWithHeapLimit: number,
        peakRssMbWithHeapLimit: number,
        perEventCostRatio1MTo100k: number,
      },
      append: {
        project: { batch1000PerSec: number, batch10PerSec: number, singlePerSec: number },
        emmett: expect.objectContaining({ batch1000PerSec: peer, batch10PerSec: peer }),
        ratio: { batch1000: peer, batch10: peer },
      },
      read: { projectPerSec: number, emmettPerSec: peer, ratio: peer },
      commands: {
        inProcessPerSec: number,
        httpWorkers: Number(process.env.FRESH_WORKERS || availableParallelism()),
        httpPerSec: number,
        httpP99Ms: number,
        httpAccepted: number,
        httpRefused: 0,
      },
      asOfRankingsMs: number,
      auditTraceMs: number,
      notary: {
        leaves: number,
        treeSeconds: number,
        loadSeconds: number,
        inclusionMeanMs: number,
        inclusionP99Ms: number,
        inclusionMaxMs: number,
        consistencyMeanMs: number,
        consistencyP99Ms: number,
        consistencyMaxMs: number,
        verifyChainsSeconds: number,
        verifyTreeSeconds: number,
      },
      refusals: {
        refused: number,
        rateLimited: number,
        limitPerSec: 100,
        refusalsPerSecAtLimit: number,
        bytesPerRefusal: number,
        diskBytesPerRefusal: number,
        mbPerKeyHourAtLimit: number,
      },
      whatIf: {
        seconds: number,
        firstSeconds: number,
        runs: 4,
        healthP99Ms: number,
        healthRequests: number,
      },
      console: {
        partners: number,
        experimentsMs: number,
        analyticsWeekMs: number,
        analyticsMonthMs: number,
        rankingPageMs: number,
        rankingSearchMs: number,
        publishedListMs: number,
        partnerProfileMs: number,
        partnerListMs: number,
        rankingCsvExcelRuMs: number,
        rankingXlsxMs: number,
        analyticsXlsxMs: number,
        // Drawn in Debian's Chromium when it is installed (CI installs it).
        overviewRenderMs: existsSync('/usr/bin/chromium') ? number : null,
        rankingRenderMs: existsSync('/usr/bin/chromium') ? number : null,
      },
      sizes: { events: 4000, small: 400, partners: number, clients: number },
    });
    expect(result.replay.events).toBeGreaterThanOrEqual(4000);
    expect(result.replay.eventsProjected).toBeGreaterThan(0);
    expect(result.replay.eventsProjected).toBeLessThan(result.replay.events); // sales are not read
    expect(result.commands.httpAccepted).toBeGreaterThan(0);
    expect(result.notary.leaves).toBe(result.replay.events);
    expect(result.refusals.refused).toBeGreaterThan(0);
    // A refused sale's event is a few hundred bytes, and the hour's growth follows from it.
    expect(result.refusals.bytesPerRefusal).toBeGreaterThan(300);
    expect(result.refusals.mbPerKeyHourAtLimit).toBeCloseTo(
      (100 * 3600 * result.refusals.diskBytesPerRefusal) / 2 ** 20,
      -1,
    );
  }, 180_000);
});
