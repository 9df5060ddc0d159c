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
