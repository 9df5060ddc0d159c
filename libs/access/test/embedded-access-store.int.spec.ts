import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedAccessStore, ServiceDatabase } from '../src';
import { accessStoreContract } from './access-store.contract';

accessStoreContract('embedded (service.db)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'fresh-access-'));
  const store = new EmbeddedAccessStore(new ServiceDatabase(dir));
  const stored = async () =>
    readdirSync(dir)
      .map((file) => readFileSync(join(dir, file)).toString('latin1'))
      .join('\n');
  return { store, stored };
});
