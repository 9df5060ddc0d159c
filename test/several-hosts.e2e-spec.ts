import { AccessStore, MongoAccessStore } from '@fresh/access';
import { openStores, StoreConfig } from '@fresh/stores';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Db } from 'mongodb';
import { MongoNetworkError } from 'mongodb';
import { createApp } from '../apps/api/src/app.factory';
import { memoryDb } from '../libs/access/test/memory-db';
import { tempDataDir } from './support/harness';

/**
 * Two API instances with nothing in common but the access store, as two hosts with
 * FRESH_READ_STORE=mongo have: each its own data dir, one MongoDB access store between them (the
 * in-memory driver stand-in here; the adapter is the real one). Keys and idempotency answers made
 * through one hold on the other.
 */
async function instance(
  access: AccessStore,
): Promise<{ app: NestFastifyApplication; url: string }> {
  const config: StoreConfig = {
    dataDir: tempDataDir(),
    eventStore: { kind: 'sqlite', synchronous: 'normal' },
    readStore: { kind: 'embedded' },
  };
  const own = await openStores(config);
  const app = await createApp(
    { port: 0, stores: config, bodyLimit: 64 * 1024, logLevel: 'silent', projector: false },
    { ...own, access },
  );
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, url: await app.getUrl() };
}

const call = async (
  url: string,
  method: string,
  path: string,
  key: string,
  options: { body?: unknown; idempotencyKey?: string } = {},
) => {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return {
    status: response.status,
    replayed: response.headers.get('idempotent-replayed'),
    type: response.headers.get('content-type'),
    body: (await response.json()) as Record<string, unknown>,
  };
};

describe('several API instances sharing the MongoDB access store', () => {
  const shared = new MongoAccessStore(memoryDb().db);
  let a: { app: NestFastifyApplication; url: string };
  let b: { app: NestFastifyApplication; url: string };
  beforeAll(async () => {
    a = await instance(shared);
    b = await instance(shared);
  });
  afterAll(async () => {
    await a?.app.close();
    await b?.app.close();
  });

  const partner = { partnerId: 'P-001', name: 'ООО «Альфа»', country: 'RU', franchisee: true };

  it('accepts a key made once on both, shares idempotency answers, and refuses a revoked key on both', async () => {
    const { key, secret } = await shared.createKey('vendor', { name: '1C staff' }, new Date());
    for (const { url } of [a, b])
      expect((await call(url, 'GET', '/api/v1/partners/P-404', secret)).body.code).toBe(
        'PARTNER_NOT_FOUND',
      );

    const first = await call(a.url, 'POST', '/api/v1/partners', secret, {
      body: partner,
      idempotencyKey: 'register-P-001',
    });
    expect([first.status, first.replayed]).toEqual([201, null]);
    // B has not recorded anything: the answer comes from the store both share.
    const retried = await call(b.url, 'POST', '/api/v1/partners', secret, {
      body: partner,
      idempotencyKey: 'register-P-001',
    });
    expect([retried.status, retried.replayed]).toEqual([201, 'true']);
    expect(retried.body).toEqual(first.body);
    const reused = await call(b.url, 'POST', '/api/v1/partners', secret, {
      body: { ...partner, partnerId: 'P-002' },
      idempotencyKey: 'register-P-001',
    });
    expect([reused.status, reused.body.code]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);

    expect(await shared.revokeKey(key.id, new Date())).toBe(true);
    for (const { url } of [a, b]) {
      const refused = await call(url, 'GET', '/api/v1/partners/P-001', secret);
      expect([refused.status, refused.body.code]).toEqual([401, 'UNAUTHORIZED']);
    }
  });
});

describe('an access store that cannot be reached', () => {
  it('answers 503 STORE_UNAVAILABLE as problem+json, not 500', async () => {
    const down = {
      collection: () => ({
        findOne: async () => {
          throw new MongoNetworkError('connect ECONNREFUSED 10.0.0.9:27017');
        },
      }),
    } as unknown as Db;
    const { app, url } = await instance(new MongoAccessStore(down));
    try {
      const answer = await call(url, 'GET', '/api/v1/partners/P-001', 'fp_anything');
      expect([answer.status, answer.type, answer.body.code]).toEqual([
        503,
        'application/problem+json; charset=utf-8',
        'STORE_UNAVAILABLE',
      ]);
    } finally {
      await app.close();
    }
  });
});
