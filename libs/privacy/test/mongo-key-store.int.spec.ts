import { randomUUID } from 'node:crypto';
import { openMongoKeyStore } from '../src';
import { keyStoreContract } from './key-store.contract';

/** Runs against a real MongoDB when MONGODB_URI is set (npm run test:servers); skipped otherwise. */
const uri = process.env.MONGODB_URI;
if (uri) {
  keyStoreContract('MongoDB', async () => {
    const url = new URL(uri);
    url.pathname = `/fresh_test_${randomUUID().slice(0, 8)}`;
    return openMongoKeyStore(url.toString());
  });
} else {
  describe.skip('KeyStore contract: MongoDB — SKIPPED: set MONGODB_URI to run it against a real server', () => {
    it('needs a MongoDB server', () => undefined);
  });
}
