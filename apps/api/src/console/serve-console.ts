import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where `npm run build` puts the console (dist/console): next to dist/apps when running the build,
 * under the project's dist when running from source (the tests). FRESH_CONSOLE_DIR overrides.
 */
export function consoleDir(): string | undefined {
  const candidates = [
    process.env.FRESH_CONSOLE_DIR,
    resolve(__dirname, '../../../../console'),
    resolve(__dirname, '../../../../dist/console'),
  ].filter((d): d is string => Boolean(d));
  return candidates.find((d) => existsSync(join(d, 'index.html')));
}

/** Everything the console's pages may load comes from this service: it may run on a closed network. */
const CSP =
  "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; " +
  "script-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; " +
  "base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/**
 * Serves the analysts' console (a single-page application) at /console/. Its files are public; every
 * figure it shows comes from the API with the key the analyst signs in with.
 */
export async function serveConsole(app: NestFastifyApplication): Promise<void> {
  const root = consoleDir();
  if (!root) return;
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'no-referrer');
      reply.header('cache-control', 'no-cache');
    });
    await scope.register(fastifyStatic, {
      root,
      prefix: '/console/',
      decorateReply: false,
      index: ['index.html'],
      redirect: true,
    });
  });
  fastify.get('/console', (_request, reply) => reply.redirect('/console/', 301));
}
