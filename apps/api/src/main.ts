import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { configFromEnv } from './config';

async function main() {
  const config = configFromEnv();
  const app = await createApp(config);
  await app.listen({ port: config.port, host: process.env.HOST ?? '127.0.0.1' });
  new Logger('main').log(
    `fresh-partners listening on ${await app.getUrl()}, data in ${config.dataDir}`,
  );
}

main().catch((error: unknown) => {
  console.error(
    `fresh-partners could not start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
