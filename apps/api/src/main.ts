import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ConfigError, openStores } from '@fresh/stores';
import { createApp } from './app.factory';
import { configFromEnv } from './config';

async function main() {
  const config = configFromEnv();
  const stores = await openStores(config.stores);
  const app = await createApp(config, stores);
  await app.listen({ port: config.port, host: process.env.HOST ?? '127.0.0.1' });
  const { eventStore, readStore } = config.stores;
  new Logger('main').log(
    `fresh-partners listening on ${await app.getUrl()}; events: ${eventStore.kind}, read models: ${readStore.kind}, data: ${config.stores.dataDir}`,
  );
}

main().catch((error: unknown) => {
  const message =
    error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`fresh-partners could not start: ${message}\n`);
  process.exit(1);
});
