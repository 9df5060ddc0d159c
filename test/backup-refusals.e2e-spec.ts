import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshAsync } from './support/fresh-async';
import { tempDataDir } from './support/harness';

const scratch = () => mkdtempSync(join(tmpdir(), 'fresh-backup-'));

describe('fresh backup and restore refuse what they must not do', () => {
  let dataDir: string;
  let good: string; // a verified backup of dataDir; each test tampers with its own copy

  beforeAll(async () => {
    dataDir = tempDataDir();
    const simulated = await freshAsync(['simulate', '--events', '300'], {
      FRESH_DATA_DIR: dataDir,
    });
    expect(simulated.status).toBe(0);
    const replayed = await freshAsync(['replay'], { FRESH_DATA_DIR: dataDir }); // read models at 300
    expect(replayed.status).toBe(0);
    good = join(scratch(), 'good');
    const backup = await freshAsync(['backup', '--to', good], { FRESH_DATA_DIR: dataDir });
    expect({ status: backup.status, stderr: backup.stderr }).toEqual({ status: 0, stderr: '' });
  }, 60_000);

  /** A copy of the good backup, changed by `change`. */
  const tampered = (change: (dir: string) => void) => {
    const dir = join(scratch(), 'tampered');
    cpSync(good, dir, { recursive: true });
    change(dir);
    return dir;
  };
  const manifestOf = (dir: string) =>
    JSON.parse(readFileSync(join(dir, 'fresh-backup.json'), 'utf8'));
  const writeManifest = (dir: string, manifest: unknown) =>
    writeFileSync(join(dir, 'fresh-backup.json'), JSON.stringify(manifest, null, 2));

  /** Restores `from` into a new data dir: refused with exit code 1 and `reason`, nothing left behind. */
  async function expectRefused(from: string, reason: string) {
    const target = join(scratch(), 'data');
    const run = await freshAsync(['restore', '--from', from], { FRESH_DATA_DIR: target });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 1,
      stdout: '',
      stderr: `fresh restore: refused: ${reason}; nothing was restored\n`,
    });
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
  }

  it.each([
    ['backup', 'Usage: fresh backup [options]', '--to <dir>'],
    ['restore', 'Usage: fresh restore [options]', '--from <dir>'],
  ])('fresh %s --help names its options and does nothing else', async (command, usage, option) => {
    const dir = tempDataDir();
    const run = await freshAsync([command, '--help'], { FRESH_DATA_DIR: dir });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(run.stdout.startsWith(`${usage}\n`)).toBe(true);
    expect(run.stdout).toContain(option);
    expect(run.stdout).toContain('--json');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('backup: refuses a target that is not empty, exit code 2, and writes nothing into it', async () => {
    const target = scratch();
    writeFileSync(join(target, 'notes.txt'), 'mine');
    const run = await freshAsync(['backup', '--to', target], { FRESH_DATA_DIR: dataDir });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: `error: ${target} is not empty: back up into a new or empty directory\n`,
    });
    expect(readdirSync(target)).toEqual(['notes.txt']);
  });

  it('backup: refuses a target inside the data dir, and a data dir without a log, exit code 2', async () => {
    const inside = await freshAsync(['backup', '--to', join(dataDir, 'b')], {
      FRESH_DATA_DIR: dataDir,
    });
    expect([inside.status, inside.stderr]).toEqual([
      2,
      `error: the backup must be written outside the data dir ${dataDir}\n`,
    ]);
    expect(existsSync(join(dataDir, 'b'))).toBe(false);
    const empty = tempDataDir();
    const none = await freshAsync(['backup', '--to', join(scratch(), 'b')], {
      FRESH_DATA_DIR: empty,
    });
    expect([none.status, none.stderr]).toEqual([
      2,
      `error: ${empty} holds no event log (events.db): check FRESH_DATA_DIR\n`,
    ]);
    const missing = await freshAsync(['backup'], { FRESH_DATA_DIR: dataDir });
    expect([missing.status, missing.stderr]).toEqual([
      2,
      "error: required option '--to <dir>' not specified\n",
    ]);
  });

  it('restore: refuses a data dir that is not empty, exit code 2, and leaves it as it was', async () => {
    const target = tempDataDir();
    writeFileSync(join(target, 'events.db'), 'not mine to overwrite');
    const run = await freshAsync(['restore', '--from', good], { FRESH_DATA_DIR: target });
    expect([run.status, run.stdout, run.stderr]).toEqual([
      2,
      '',
      `error: the data dir ${target} is not empty: restore into a new or empty FRESH_DATA_DIR\n`,
    ]);
    expect(readdirSync(target)).toEqual(['events.db']);
    expect(readFileSync(join(target, 'events.db'), 'utf8')).toBe('not mine to overwrite');
  });

  it('restore: refuses a directory that is not a backup', async () => {
    const dir = scratch();
    await expectRefused(
      dir,
      `${dir} holds no fresh-backup.json: not a backup made by fresh backup`,
    );
  });

  it('restore: refuses a file changed after the backup, naming it', async () => {
    const dir = tampered((d) => {
      const file = join(d, 'service.db');
      const bytes = readFileSync(file);
      bytes[bytes.length - 1] ^= 0xff;
      writeFileSync(file, bytes);
    });
    await expectRefused(dir, 'service.db does not match its SHA-256 in the manifest');
  });

  it('restore: refuses a missing file, a file cut short, and a manifest whose hash was changed', async () => {
    const missing = tampered((d) => rmSync(join(d, 'service.db')));
    await expectRefused(missing, 'service.db is missing');
    const emptied = tampered((d) => writeFileSync(join(d, 'events.db'), ''));
    const { bytes } = manifestOf(good).files.find((f: { name: string }) => f.name === 'events.db');
    await expectRefused(emptied, `events.db has 0 bytes where the manifest says ${bytes}`);
    const edited = tampered((d) => {
      const manifest = manifestOf(d);
      manifest.files[0].sha256 = '0'.repeat(64);
      writeManifest(d, manifest);
    });
    await expectRefused(edited, 'read-models.db does not match its SHA-256 in the manifest');
  });

  it('restore: refuses an event altered with its manifest rewritten to match, by the hash chain', async () => {
    const dir = tampered((d) => {
      const db = new Database(join(d, 'events.db'));
      const { stream_id: stream, revision } = db
        .prepare('SELECT stream_id, revision FROM events WHERE position = 7')
        .get() as { stream_id: string; revision: number };
      db.prepare(
        "UPDATE events SET data = json_set(data, '$.altered', 1) WHERE position = 7",
      ).run();
      db.close();
      writeFileSync(join(d, 'altered'), `${stream} revision ${revision}`);
    });
    const manifest = manifestOf(dir);
    const file = manifest.files.find((f: { name: string }) => f.name === 'events.db');
    file.bytes = statSync(join(dir, 'events.db')).size;
    file.sha256 = createHash('sha256')
      .update(readFileSync(join(dir, 'events.db')))
      .digest('hex');
    writeManifest(dir, manifest);
    const altered = readFileSync(join(dir, 'altered'), 'utf8');
    await expectRefused(
      dir,
      `the log's hash chain is broken at position 7 (${altered}: content does not match its hash)`,
    );
  });

  it('restore: refuses a log cut short with its manifest rewritten to match: the read models are ahead of it', async () => {
    const dir = tampered((d) => {
      const db = new Database(join(d, 'events.db'));
      db.prepare('DELETE FROM events WHERE position = 300').run();
      db.close();
    });
    const manifest = manifestOf(dir);
    const file = manifest.files.find((f: { name: string }) => f.name === 'events.db');
    file.bytes = statSync(join(dir, 'events.db')).size;
    file.sha256 = createHash('sha256')
      .update(readFileSync(join(dir, 'events.db')))
      .digest('hex');
    manifest.log = { events: 299, lastPosition: '299' };
    writeManifest(dir, manifest);
    await expectRefused(dir, 'read-models.db is ahead of the log');
  });

  it('restore: refuses a manifest that counts other events than the log holds', async () => {
    const dir = tampered((d) => {
      const manifest = manifestOf(d);
      manifest.log.events = 301;
      writeManifest(d, manifest);
    });
    const head = manifestOf(good).log.lastPosition;
    await expectRefused(
      dir,
      `the log holds {"events":300,"lastPosition":"${head}"} where the manifest says {"events":301,"lastPosition":"${head}"}`,
    );
  });

  it('restore: refuses a backup taken with other stores than those configured, exit code 2', async () => {
    const target = join(scratch(), 'data');
    const run = await freshAsync(['restore', '--from', good], {
      FRESH_DATA_DIR: target,
      FRESH_READ_STORE: 'mongo',
      MONGODB_URI: 'mongodb://127.0.0.1:1/fresh',
    });
    expect([run.status, run.stderr]).toEqual([
      2,
      'error: the backup was taken with events: sqlite, read models: embedded, the stores configured are events: sqlite, read models: mongo: set FRESH_EVENT_STORE and FRESH_READ_STORE as they were\n',
    ]);
    expect(existsSync(target)).toBe(false);
  });

  it('backup with the log on EventStoreDB: copies service.db alone and says what to back up with the servers’ own tools', async () => {
    const dir = tempDataDir();
    cpSync(join(dataDir, 'service.db'), join(dir, 'service.db'));
    mkdirSync(join(dir, 'leftover'));
    const target = join(scratch(), 'b');
    const run = await freshAsync(['backup', '--to', target], {
      FRESH_DATA_DIR: dir,
      FRESH_EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'kurrentdb://127.0.0.1:1?tls=false', // never contacted
      FRESH_READ_STORE: 'mongo',
      MONGODB_URI: 'mongodb://127.0.0.1:1/fresh',
    });
    expect([run.status, run.stderr]).toEqual([0, '']);
    expect(readdirSync(target).sort()).toEqual(['fresh-backup.json', 'service.db']);
    const lines = run.stdout.split('\n');
    for (const line of [
      'log: not in this copy (EventStoreDB): verify it there with fresh audit verify',
      "left out: notary.db: the notary's Merkle tree and the checkpoints it issued, rebuilt from the EventStoreDB log on start when missing",
      'left out: audit-index.db: the audit index, rebuilt from the EventStoreDB log on start when missing',
      'not here: the event log: in EventStoreDB, backed up with its own tools (README, "Backups")',
      'not here: the read models and the personal-data key store: in MongoDB, backed up with its own tools (README, "Backups")',
      "not copied: leftover: not a file of this version's data dir",
      'backup verified',
    ])
      expect(lines).toContain(line);
    expect(manifestOf(target)).toMatchObject({ log: null, checkpoint: null });
  });
});
