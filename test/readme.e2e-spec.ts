import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { tempDataDir } from './support/harness';
import { holds, lastAnswer, readmeSteps } from './support/readme-blocks';
import { ServerProcess } from './support/server-process';
import { Shell } from './support/shell';

const ROOT = join(__dirname, '..');
const steps = readmeSteps(join(ROOT, 'README.md'));

/** The README's walkthrough, typed into one shell as a reader would, against a started service. */
describe('the README walkthrough', () => {
  let server: ServerProcess;
  let shell: Shell;

  beforeAll(async () => {
    const dataDir = tempDataDir();
    // As `npm start` runs it: a worker per core (FRESH_WORKERS's default).
    server = await ServerProcess.start(dataDir, { FRESH_WORKERS: String(availableParallelism()) });
    shell = new Shell(ROOT, { ...process.env, FRESH_DATA_DIR: dataDir, FRESH_URL: server.url });
  }, 120_000);
  afterAll(async () => {
    shell.close();
    await server.killHard();
  });

  it('has runnable blocks with the answers they give', () => {
    expect(steps.length).toBeGreaterThanOrEqual(7);
    expect(steps.filter((s) => s.expect).length).toBeGreaterThanOrEqual(5);
  });

  it('answers every block as the README shows', async () => {
    for (const step of steps) {
      let answer = lastAnswer(await shell.run(step.script));
      const expected = step.expect;
      if (!expected) continue;
      // Read models follow the log within milliseconds: a query may be asked again, for a while.
      for (
        const until = Date.now() + 5_000;
        expected.eventually && !holds(answer, expected.json);
      ) {
        if (Date.now() > until) break;
        await new Promise((r) => setTimeout(r, 100));
        answer = lastAnswer(await shell.run(step.script));
      }
      expect({ readmeLine: expected.line, holds: holds(answer, expected.json), answer }).toEqual({
        readmeLine: expected.line,
        holds: true,
        answer,
      });
    }
  }, 120_000);
});
