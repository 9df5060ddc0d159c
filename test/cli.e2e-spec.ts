import { readdirSync } from 'node:fs';
import { Harness, tempDataDir } from './support/harness';
import { fresh, freshRun } from './support/server-process';

describe('fresh keys', () => {
  it('creates a key printed alone on the last line, lists it without its secret, and revokes it', async () => {
    const dataDir = tempDataDir();
    const output = fresh(
      ['keys', 'create', '--role', 'partner', '--partner', 'P1', '--name', 'Альфа CRM'],
      dataDir,
    );
    const lines = output.trimEnd().split('\n');
    const secret = lines.at(-1)!;
    expect(secret).toMatch(/^fp_[A-Za-z0-9_-]{43}$/);
    const id = /created (key_[0-9a-f]{12})/.exec(output)![1];

    const listed = fresh(['keys', 'list'], dataDir);
    expect(listed).toContain(`${id}\tpartner\tP1\tАльфа CRM\t`);
    expect(listed).not.toContain(secret);

    const api = await Harness.start(dataDir);
    const body = {
      saleId: 'S1',
      partnerId: 'P2',
      clientId: 'C1',
      positionCode: 'X',
      quantity: 1,
      soldOn: '2015-01-15',
    };
    expect((await api.call('POST', '/api/v1/sales', { key: secret, body })).status).toBe(403);
    expect(fresh(['keys', 'revoke', id], dataDir).trim()).toBe(`revoked ${id}`);
    expect((await api.call('POST', '/api/v1/sales', { key: secret, body })).status).toBe(401);
    await api.close();
  });

  it('refuses a partner key without a partner, with exit code 2 and the reason', () => {
    const run = freshRun(['keys', 'create', '--role', 'partner'], tempDataDir());
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('a partner key needs --partner');
    expect(run.stdout).toBe('');
  });
});

/** A usage error: exit code 2 and exactly one line on stderr, without a stack frame. */
function expectUsageError(args: string[], line: RegExp) {
  const run = freshRun(args, tempDataDir());
  expect({ args, status: run.status, stdout: run.stdout }).toEqual({ args, status: 2, stdout: '' });
  expect(run.stderr).toMatch(/^[^\n]+\n$/);
  expect(run.stderr).toMatch(line);
  expect(run.stderr).not.toMatch(/\bat /);
}

describe('fresh --help', () => {
  const helps: [string[], string][] = [
    [['--help'], 'Usage: fresh [options] [command]'],
    [['-h'], 'Usage: fresh [options] [command]'],
    [[], 'Usage: fresh [options] [command]'],
    [['help'], 'Usage: fresh [options] [command]'],
    [['keys', '--help'], 'Usage: fresh keys [options] [command]'],
    [['keys', 'create', '--help'], 'Usage: fresh keys create [options]'],
    [['keys', 'list', '--help'], 'Usage: fresh keys list [options]'],
    [['keys', 'revoke', '--help'], 'Usage: fresh keys revoke [options] <id>'],
    [['keys', 'revoke', '-h'], 'Usage: fresh keys revoke [options] <id>'],
    [['keys', 'help', 'create'], 'Usage: fresh keys create [options]'],
    [['replay', '--help'], 'Usage: fresh replay [options]'],
    [['simulate', '--help'], 'Usage: fresh simulate [options]'],
    [['audit', '--help'], 'Usage: fresh audit [options] [command]'],
    [['audit', 'verify', '--help'], 'Usage: fresh audit verify [options]'],
  ];

  it.each(helps)('fresh %j prints its usage, exits 0 and does nothing else', (args, usage) => {
    const dataDir = tempDataDir();
    const run = freshRun(args, dataDir);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
    expect(run.stdout.startsWith(`${usage}\n`)).toBe(true);
    expect(run.stdout).toContain('-h, --help');
    expect(readdirSync(dataDir)).toEqual([]); // no store opened, no key listed or revoked
  });

  it('names every option a command takes', () => {
    const simulate = freshRun(['simulate', '--help'], tempDataDir()).stdout;
    for (const option of [
      '--partners <n>',
      '--clients <n>',
      '--seed <n>',
      '--from <date>',
      '--to <date>',
      '--events <n>',
    ])
      expect(simulate).toContain(option);
    expect(freshRun(['replay', '--help'], tempDataDir()).stdout).toContain('--until <date>');
    const create = freshRun(['keys', 'create', '--help'], tempDataDir()).stdout;
    for (const option of ['--role <role>', '--partner <id>', '--name <name>'])
      expect(create).toContain(option);
  });
});

describe('fresh usage errors', () => {
  it.each([
    [['keys', 'list', '--bogus'], /^error: unknown option '--bogus'$/m],
    [
      ['simulate', '--fro', '2015-01-01'],
      /^error: unknown option '--fro' \(Did you mean --from\?\)$/m,
    ],
    [['keys', 'revoke'], /^error: missing required argument 'id'$/m],
    [['keys', 'create'], /^error: required option '--role <role>' not specified$/m],
    [['replay', '--until'], /^error: option '--until <date>' argument missing$/m],
    [
      ['replay', '--until', '2015-02-30'],
      /^error: option '--until <date>' argument '2015-02-30' is invalid/m,
    ],
    [['simulate', '--events', '0'], /^error: option '--events <n>' argument '0' is invalid/m],
    [
      ['simulate', '--from', '2015-02-01', '--to', '2015-01-31'],
      /^error: --from must not be after --to$/m,
    ],
    [
      ['keys', 'create', '--role', 'boss'],
      /^error: option '--role <role>' argument 'boss' is invalid/m,
    ],
    [['keys'], /^error: keys needs a command: create, list, revoke/m],
    [['keys', 'rotate'], /^error: unknown keys command 'rotate'/m],
    [['audit'], /^error: audit needs a command: verify/m],
    [['bogus'], /^error: unknown command 'bogus'$/m],
  ])('fresh %j exits 2 with one line', (args, line) => expectUsageError(args, line));
});

describe('fresh replay and simulate', () => {
  it('says the previous generation was empty rather than different, and ends its progress at 100 %', () => {
    const dataDir = tempDataDir();
    const simulated = freshRun(['simulate', '--events', '300'], dataDir);
    expect(simulated.status).toBe(0);
    const commands = /^(\d+) commands in /m.exec(simulated.stdout)![1];
    expect(simulated.stderr.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(`^simulate: 100% {2}${commands}/${commands} commands `),
    );

    const first = freshRun(['replay'], dataDir);
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/^previous g1: empty, nothing to compare$/m);
    expect(first.stdout).not.toContain('differ');
    expect(first.stderr.trimEnd().split('\n').at(-1)).toMatch(/^replay: 100% {2}300\/300 events /);

    const second = freshRun(['replay'], dataDir);
    expect(second.stdout).toMatch(/^read models identical to the previous generation$/m);
  });
});
