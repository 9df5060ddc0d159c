import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { openStores, Stores } from '@fresh/stores';
import { AppModule } from './app.module';
import { AppConfig } from './config';
import { serveConsole } from './console/serve-console';
import { logRequests } from './http/request-log';
import { traceRequests } from './http/request-span';
import { transportOptions, useTransport } from './http/transport';
import { validationPipe } from './http/validation';
import { measureRequests, ServiceMetrics } from './metrics';
import { PinoLogger } from './pino-logger';

/** The HTTP application, configured but not listening: main.ts and the end-to-end tests share it. */
export async function createApp(
  config: AppConfig,
  stores?: Stores,
  logger = new PinoLogger(config.logLevel),
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter(transportOptions(config));
  logRequests(adapter.getInstance(), logger.lines);
  traceRequests(adapter.getInstance());
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, stores ?? (await openStores(config.stores))),
    adapter,
    {
      logger,
      bodyParser: false, // Fastify's own JSON parser only: anything else is 415 (http/transport.ts)
    },
  );
  measureRequests(adapter.getInstance(), app.get(ServiceMetrics));
  await useTransport(app, config);
  app.useGlobalPipes(validationPipe);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('fresh-partners')
      .setDescription(
        'Partner sales of «1С:Предприятие 8 через Интернет»: commands decided by the rules of the ' +
          'December 2014 experiment and recorded as events. Errors are application/problem+json.',
      )
      .setVersion('1')
      .addBearerAuth({
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'opaque API key',
        description: 'An API key (`fp_…`) made with `npx fresh keys create`',
      })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await serveConsole(app);
  await app.init();
  return app;
}
