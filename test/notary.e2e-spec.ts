import { generateNotaryKey } from '@fresh/notary';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Harness } from './support/harness';
import { seedProgramme } from './support/programme';

const run = promisify(execFile);
const TOOL = resolve(__dirname, '../tools/verify-proof.mjs');

/** Runs tools/verify-proof.mjs: its exit code and first line of output. */
async function verifyProof(...args: string[]): Promise<{ code: number; line: string }> {
  try {
    const { stdout } = await run(process.execPath, [TOOL, ...args], { timeout: 60_000 });
    return { code: 0, line: stdout.trim() };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, line: (failed.stdout || failed.stderr).trim().split('\n')[0] };
  }
}

/** The same JSON with one character of `text` changed at its first occurrence at or after `from`. */
function oneByteChanged(json: string, needle: string): string {
  const at = json.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not in ${json.slice(0, 200)}`);
  const c = json[at + needle.length];
  const other =
    c === '0' ? '1' : c === 'a' ? 'b' : /[0-9a-f]/.test(c) ? '0' : c === 'A' ? 'B' : 'A';
  return json.slice(0, at + needle.length) + other + json.slice(at + needle.length + 1);
}

describe('the notary: signed checkpoints and RFC 9162 proofs', () => {
  let api: Harness;
  let keys: string;
  let files: string;
  let auditor: string;
  let vendor: string;
  const saved = (name: string, value: unknown) => {
    const file = join(files, name);
    writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return file;
  };

  beforeAll(async () => {
    keys = mkdtempSync(join(tmpdir(), 'notary-key-'));
    files = mkdtempSync(join(tmpdir(), 'auditor-files-'));
    const key = generateNotaryKey();
    writeFileSync(join(keys, 'notary.key'), key.privatePem, { mode: 0o600 });
    writeFileSync(join(keys, 'notary.pub.pem'), key.publicPem);
    process.env.FRESH_NOTARY_KEY = join(keys, 'notary.key');
    try {
      api = await Harness.start();
    } finally {
      delete process.env.FRESH_NOTARY_KEY;
    }
    const programme = await seedProgramme(api);
    vendor = programme.vendor;
    auditor = api.key('auditor');
    await programme.ok('POST', '/api/v1/clients', programme.client('C1'), programme.p1);
    await programme.ok(
      'POST',
      '/api/v1/sales',
      {
        saleId: 'S1',
        partnerId: 'P1',
        clientId: 'C1',
        positionCode: 'BP-5-12',
        quantity: 1,
        soldOn: '2015-01-15',
      },
      programme.p1,
    );
  });

  afterAll(async () => {
    await api.close();
    rmSync(keys, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  it('says in /health that checkpoints are signed, and with which key', async () => {
    const { body } = await api.call('GET', '/health');
    expect(body.notary).toMatchObject({ state: 'running', signed: true });
    expect(body.notary.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('gives a signed checkpoint of every event recorded, a trace with inclusion proofs, and proofs the standalone verifier accepts', async () => {
    const latest = await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor });
    expect(latest.status).toBe(200);
    // 2 partners, 1 certification, the price list, the experiment, the client, 2 sale events.
    expect(latest.body).toMatchObject({ treeSize: 8, signature: expect.any(String) });
    const checkpointFile = saved('checkpoint.json', latest.body);
    const pub = join(keys, 'notary.pub.pem');
    expect(await verifyProof('checkpoint', checkpointFile, '--key', pub)).toEqual({
      code: 0,
      line: expect.stringMatching(/^OK checkpoint: 8 events/),
    });

    const trace = await api.call('GET', '/api/v1/audit/sales/S1', { key: auditor });
    expect(trace.status).toBe(200);
    expect(trace.body.checkpoint).toEqual(latest.body);
    const applied = trace.body.events.find((e: { type: string }) => e.type === 'DiscountApplied');
    expect(applied).toMatchObject({
      leafIndex: 7,
      inclusion: { treeSize: 8, auditPath: expect.any(Array) },
    });

    const proof = await api.call(
      'GET',
      `/api/v1/audit/proofs/inclusion?leafIndex=${applied.leafIndex}&treeSize=8`,
      { key: auditor },
    );
    expect(proof.status).toBe(200);
    expect(proof.body).toMatchObject({
      leafIndex: 7,
      treeSize: 8,
      rootHash: latest.body.rootHash,
      auditPath: applied.inclusion.auditPath,
      event: { type: 'DiscountApplied', streamId: 'sale-S1', revision: 1 },
    });
    const proofJson = JSON.stringify(proof.body);
    const proofFile = saved('inclusion.json', proofJson);
    expect(
      await verifyProof('inclusion', proofFile, '--checkpoint', checkpointFile, '--key', pub),
    ).toEqual({
      code: 0,
      line:
        'OK inclusion: DiscountApplied sale-S1@1 is leaf 7 of the 8 events of the checkpoint signed by key ' +
        `${latest.body.keyId} (${pub})`,
    });

    // One byte changed, in the event, in the audit path, in the checkpoint's root or signature.
    const discount = `"discount":${proof.body.event.data.discount}`;
    for (const [name, text, checkpoint] of [
      ['event', oneByteChanged(proofJson, discount.slice(0, -1)), checkpointFile],
      ['path', oneByteChanged(proofJson, '"auditPath":["'), checkpointFile],
      [
        'root',
        proofJson,
        saved('root.json', oneByteChanged(JSON.stringify(latest.body), '"rootHash":"')),
      ],
      [
        'signature',
        proofJson,
        saved('sig.json', oneByteChanged(JSON.stringify(latest.body), '"signature":"')),
      ],
    ]) {
      const file = saved(`inclusion-${name}.json`, text);
      const answer = await verifyProof('inclusion', file, '--checkpoint', checkpoint, '--key', pub);
      expect([name, answer.code, answer.line]).toEqual([name, 1, expect.stringMatching(/^FAIL: /)]);
    }
    expect((await verifyProof('checkpoint', join(files, 'root.json'), '--key', pub)).code).toBe(1);
    expect((await verifyProof('checkpoint', join(files, 'sig.json'))).code).toBe(1);
  });

  it('proves the later log extends a kept checkpoint, and the verifier fails a changed proof', async () => {
    const old = (await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor })).body;
    await api.call('POST', '/api/v1/sales/S1/payment', {
      key: vendor,
      body: { paidOn: '2015-01-20', amount: '9876.54' },
    });
    const now = (await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: auditor })).body;
    expect(now.treeSize).toBe(old.treeSize + 1);
    const proof = await api.call(
      'GET',
      `/api/v1/audit/proofs/consistency?from=${old.treeSize}&to=${now.treeSize}`,
      { key: auditor },
    );
    expect(proof.status).toBe(200);
    expect(proof.body).toMatchObject({ fromRoot: old.rootHash, toRoot: now.rootHash });
    const oldFile = saved('old.json', old);
    const newFile = saved('new.json', now);
    const json = JSON.stringify(proof.body);
    const ok = await verifyProof(
      'consistency',
      saved('consistency.json', json),
      '--old',
      oldFile,
      '--new',
      newFile,
    );
    expect(ok).toEqual({ code: 0, line: expect.stringMatching(/^OK consistency: the 9 events/) });
    const bad = await verifyProof(
      'consistency',
      saved('consistency-bad.json', oneByteChanged(json, '"proof":["')),
      '--old',
      oldFile,
      '--new',
      newFile,
    );
    expect(bad).toEqual({ code: 1, line: expect.stringMatching(/^FAIL: /) });

    const verified = await api.call('POST', '/api/v1/audit/verify/checkpoint', {
      key: auditor,
      body: old,
    });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({
      extendsCheckpoint: true,
      signature: 'valid',
      now: { treeSize: 9, rootHash: now.rootHash, rootAtCheckpointSize: old.rootHash },
      consistencyProof: proof.body.proof,
    });
    const forged = await api.call('POST', '/api/v1/audit/verify/checkpoint', {
      key: auditor,
      body: { ...old, rootHash: now.rootHash },
    });
    expect(forged.body).toMatchObject({ extendsCheckpoint: false, signature: 'invalid' });
  });

  it('refuses proofs beyond the tree, malformed sizes and other roles', async () => {
    const far = await api.call('GET', '/api/v1/audit/proofs/consistency?from=1&to=100000', {
      key: auditor,
    });
    expect([far.status, far.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const bad = await api.call('GET', '/api/v1/audit/proofs/inclusion?leafIndex=x', {
      key: auditor,
    });
    expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const analyst = api.key('analyst');
    const denied = await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: analyst });
    expect([denied.status, denied.body.code]).toEqual([403, 'FORBIDDEN_ROLE']);
  });
});
