import { AccessStore, IDEMPOTENCY_RETENTION_MS, StoredAnswer } from '../src';

/**
 * What every access store does: the same suite runs on each engine. `open` gives a store over
 * empty storage and `stored` everything that storage holds, as text, to look for secrets in.
 */
export function accessStoreContract(
  name: string,
  open: () => Promise<{ store: AccessStore; stored: () => Promise<string> }>,
) {
  describe(`${name}: the access store contract`, () => {
    let access: AccessStore;
    let stored: () => Promise<string>;
    beforeEach(async () => ({ store: access, stored } = await open()));
    afterEach(() => access.close());

    const at = (iso: string) => new Date(iso);
    const t0 = at('2015-01-15T10:00:00.000Z');
    const answer = (fingerprint: string, body: unknown = { events: [] }): StoredAnswer => ({
      fingerprint,
      status: 201,
      body,
    });

    describe('API keys', () => {
      it('creates a key whose secret authenticates it, and lists it', async () => {
        const { key, secret } = await access.createKey(
          'partner',
          { partnerId: 'P-001', name: 'Альфа CRM' },
          t0,
        );
        expect(key).toEqual({
          id: expect.stringMatching(/^key_[0-9a-f]{12}$/),
          name: 'Альфа CRM',
          role: 'partner',
          partnerId: 'P-001',
          createdAt: '2015-01-15T10:00:00.000Z',
          revokedAt: null,
        });
        expect(secret).toMatch(/^fp_[A-Za-z0-9_-]{43}$/);
        expect(await access.authenticate(secret)).toEqual(key);
        expect(await access.authenticate(`${secret}x`)).toBeUndefined();
        expect(await access.authenticate(key.id)).toBeUndefined();
        expect(await access.listKeys()).toEqual([key]);
      });

      it('never stores a secret in clear, only its sha256', async () => {
        const { secret } = await access.createKey('vendor', {}, t0);
        const held = await stored();
        expect(held).not.toContain(secret);
        expect(held).not.toContain(secret.slice(3));
      });

      it('lists keys oldest first and refuses a partner key without a partner (and the reverse)', async () => {
        const later = await access.createKey('analyst', { name: 'b' }, at('2015-01-16T00:00:00Z'));
        const earlier = await access.createKey('auditor', { name: 'a' }, t0);
        expect((await access.listKeys()).map((k) => k.id)).toEqual([earlier.key.id, later.key.id]);
        await expect(access.createKey('partner', {}, t0)).rejects.toThrow(RangeError);
        await expect(access.createKey('vendor', { partnerId: 'P-1' }, t0)).rejects.toThrow(
          RangeError,
        );
        expect(await access.listKeys()).toHaveLength(2);
      });

      it('revokes a key once: it no longer authenticates, and is listed as revoked', async () => {
        const { key, secret } = await access.createKey('vendor', {}, t0);
        const kept = await access.createKey('vendor', {}, t0);
        expect(await access.revokeKey(key.id, at('2015-02-01T00:00:00.000Z'))).toBe(true);
        expect(await access.authenticate(secret)).toBeUndefined();
        expect(await access.authenticate(kept.secret)).toEqual(kept.key);
        expect(await access.revokeKey(key.id, at('2015-02-02T00:00:00.000Z'))).toBe(false);
        expect(await access.revokeKey('key_000000000000', t0)).toBe(false);
        const listed = (await access.listKeys()).find((k) => k.id === key.id);
        expect(listed?.revokedAt).toBe('2015-02-01T00:00:00.000Z');
      });
    });

    describe('idempotency answers', () => {
      it('answers what was recorded for a key, per caller', async () => {
        const body = { events: [{ type: 'SubscriptionSold', data: { net: '9876.54' } }] };
        expect(await access.findAnswer('key_a', 'k1', t0)).toBeUndefined();
        expect(await access.saveAnswer('key_a', 'k1', answer('f1', body), t0)).toBe(true);
        expect(await access.findAnswer('key_a', 'k1', t0)).toEqual(answer('f1', body));
        expect(await access.findAnswer('key_b', 'k1', t0)).toBeUndefined();
        expect(await access.findAnswer('key_a', 'k2', t0)).toBeUndefined();
      });

      it('keeps the first answer: the same key with another request is refused, not recorded', async () => {
        await access.saveAnswer('key_a', 'k1', answer('f1', { n: 1 }), t0);
        expect(await access.saveAnswer('key_a', 'k1', answer('f2', { n: 2 }), t0)).toBe(false);
        expect(await access.findAnswer('key_a', 'k1', t0)).toEqual(answer('f1', { n: 1 }));
      });

      it('of two recordings at once, one wins and both then read the winner', async () => {
        const [a, b] = await Promise.all([
          access.saveAnswer('key_a', 'k1', answer('fa', { by: 'a' }), t0),
          access.saveAnswer('key_a', 'k1', answer('fb', { by: 'b' }), t0),
        ]);
        expect([a, b].sort()).toEqual([false, true]);
        const winner = a ? answer('fa', { by: 'a' }) : answer('fb', { by: 'b' });
        expect(await access.findAnswer('key_a', 'k1', t0)).toEqual(winner);
      });

      it('forgets an answer older than the retention, and the key may be recorded again', async () => {
        await access.saveAnswer('key_a', 'k1', answer('f1'), t0);
        const lastKept = new Date(t0.getTime() + IDEMPOTENCY_RETENTION_MS - 1);
        const expired = new Date(t0.getTime() + IDEMPOTENCY_RETENTION_MS);
        expect(await access.findAnswer('key_a', 'k1', lastKept)).toEqual(answer('f1'));
        expect(await access.findAnswer('key_a', 'k1', expired)).toBeUndefined();
        expect(await access.saveAnswer('key_a', 'k1', answer('f2'), expired)).toBe(true);
        expect(await access.findAnswer('key_a', 'k1', expired)).toEqual(answer('f2'));
      });

      it('forgets the answers holding a forgotten subject’s values, and only those', async () => {
        await access.saveAnswer('key_a', 'k1', answer('f1', { name: 'ИП Иванов "И.И."' }), t0);
        await access.saveAnswer('key_a', 'k2', answer('f2', { name: 'ООО «Ромашка»' }), t0);
        expect(await access.forgetAnswersHolding(['ИП Иванов "И.И."', 'x'])).toBe(1);
        expect(await access.findAnswer('key_a', 'k1', t0)).toBeUndefined();
        expect(await access.findAnswer('key_a', 'k2', t0)).toEqual(
          answer('f2', { name: 'ООО «Ромашка»' }),
        );
      });
    });
  });
}
