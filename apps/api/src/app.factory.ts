import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { openStores, Stores } from '@fresh/stores';
import { AppModule } from './app.module';
import { AppConfig } from './config';
import { serveConsole } from './console/serve-console';
import { validationPipe } from './http/validation';
import { PinoLogger } from './pino-logger';

/** The HTTP application, configured but not listening: main.ts and the end-to-end tests share it. */
export async function createApp(
  config: AppConfig,
  stores?: Stores,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: config.bodyLimit });
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, stores ?? (await openStores(config.stores))),
    adapter,
    {
      logger: new PinoLogger(config.logLevel),
    },
  );
  app.useGlobalPipes(validationPipe);
  app.enableShutdownHooks();

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
        description: 'An API key (`fp_…`) made with `npx fresh keys create`',
      })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  await serveConsole(app);
  await app.init();
  return app;
}
