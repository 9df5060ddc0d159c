import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedKeyStore } from '../src';
import { keyStoreContract } from './key-store.contract';

keyStoreContract(
  'embedded (service.db)',
  async () => new EmbeddedKeyStore(join(mkdtempSync(join(tmpdir(), 'fresh-keys-')), 'service.db')),
);

describe('embedded key store: a destroyed key leaves no bytes in the file', () => {
  it('overwrites the key in service.db and empties the WAL', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'fresh-keys-')), 'service.db');
    const keys = new EmbeddedKeyStore(file);
    const { keyId, key } = await keys.keyFor('client-C1');
    await keys.destroy('client-C1', [keyId], '2015-06-01');
    expect(readFileSync(file).includes(key)).toBe(false);
    expect(readFileSync(`${file}-wal`)).toHaveLength(0);
    await keys.close();
  });
});
