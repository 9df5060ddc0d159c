import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDataDir } from './support/harness';

const MAIN = join(__dirname, '..', 'dist', 'apps', 'api', 'src', 'main.js');

/** Runs the service against a store nobody listens on; what it prints as it gives up. */
function failedStart(env: Record<string, string>): { status: number | null; output: string } {
  const run = spawnSync('node', [MAIN], {
    env: { ...process.env, FRESH_DATA_DIR: tempDataDir(), PORT: '0', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('the service prints no credentials of a connection string', () => {
  it('an unreachable EventStoreDB: the line names the host, not the user or password', () => {
    const { status, output } = failedStart({
      FRESH_EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'kurrentdb://admin:s3cret@127.0.0.1:1?tls=false',
    });
    expect(status).toBe(1);
    expect(output).toContain('fresh-partners could not start');
    expect(output).toContain('kurrentdb://***@127.0.0.1:1?tls=false');
    expect(output).not.toMatch(/s3cret|admin:/);
  }, 70_000);

  it('an unreachable MongoDB: likewise', () => {
    const { status, output } = failedStart({
      FRESH_READ_STORE: 'mongo',
      MONGODB_URI:
        'mongodb://fresh:s3cret@127.0.0.1:1,127.0.0.1:2/fresh?serverSelectionTimeoutMS=500',
    });
    expect(status).toBe(1);
    expect(output).toContain('fresh-partners could not start');
    expect(output).toContain('mongodb://***@127.0.0.1:1,127.0.0.1:2/fresh');
    expect(output).not.toMatch(/s3cret|fresh:/);
  }, 70_000);
});
