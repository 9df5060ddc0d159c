import { KeyStore } from '../src';

/** What every key store does: the same suite runs on each. */
export function keyStoreContract(name: string, open: () => Promise<KeyStore>) {
  describe(`${name}: the key store contract`, () => {
    let keys: KeyStore;
    beforeEach(async () => (keys = await open()));
    afterEach(() => keys.close());

    it('makes one 256-bit key per subject on first use and answers the same one after', async () => {
      const first = await keys.keyFor('client-C1');
      expect(first.keyId).toMatch(/^dk_[0-9a-f]{16}$/);
      expect(first.key).toHaveLength(32);
      expect(await keys.keyFor('client-C1')).toEqual(first);
      const other = await keys.keyFor('partner-P1');
      expect(other.keyId).not.toBe(first.keyId);
      expect(await keys.keyIdsOf('client-C1')).toEqual([first.keyId]);
      expect(await keys.keys([first.keyId, other.keyId, 'dk_unknown'])).toEqual(
        new Map([
          [first.keyId, first.key],
          [other.keyId, other.key],
        ]),
      );
    });

    it('destroys a subject’s keys for good, remembers it erased, and moves the stamp', async () => {
      const { keyId } = await keys.keyFor('client-C1');
      const stamp = await keys.erasureStamp();
      await keys.destroy('client-C1', [keyId], '2015-06-01');
      expect(await keys.keys([keyId])).toEqual(new Map());
      expect(await keys.keyIdsOf('client-C1')).toEqual([]);
      expect(await keys.erasureStamp()).toBe(stamp + 1);
      expect(await keys.erasedSubjects(['client-C1', 'client-C2'])).toEqual(new Set(['client-C1']));
      await keys.destroy('client-C1', [keyId], '2015-06-02'); // applied again at a start: no change
      expect(await keys.erasureStamp()).toBe(stamp + 1);
      const next = await keys.keyFor('client-C1');
      expect(next.keyId).not.toBe(keyId);
    });

    it('remembers a subject erased that had no key (a legal entity forgotten)', async () => {
      await keys.destroy('client-C9', [], '2015-06-01');
      expect(await keys.erasedSubjects(['client-C9'])).toEqual(new Set(['client-C9']));
    });
  });
}
