import { ApiKeys } from '@fresh/access';
import { EventStore } from '@fresh/event-store';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../apps/api/src/app.factory';
import { PinoLogger, readable } from '../apps/api/src/pino-logger';
import { tempDataDir } from './support/harness';

/** The service's log lines, captured as pino writes them (JSON: stdout is no terminal here). */
describe('the request log', () => {
  const written: string[] = [];
  let app: NestFastifyApplication;
  let vendor: { id: string; secret: string };

  const requestLines = () =>
    written.map((line) => JSON.parse(line)).filter((entry) => entry.msg === 'request');
  const call = (
    method: 'GET' | 'POST',
    url: string,
    headers: Record<string, string>,
    body?: object,
  ) => app.inject({ method, url, headers, ...(body && { payload: body }) });
  const partner = { partnerId: 'P1', name: 'ООО «Альфа»', country: 'RU', franchisee: true };

  beforeAll(async () => {
    const logger = new PinoLogger('info', { write: (line: string) => written.push(line) });
    const config = {
      port: 0,
      stores: {
        dataDir: tempDataDir(),
        eventStore: { kind: 'sqlite', synchronous: 'normal' } as const,
        readStore: { kind: 'embedded' } as const,
      },
      bodyLimit: 64 * 1024,
      logLevel: 'info',
      projector: false,
    };
    app = await createApp(config, undefined, logger);
    await app.getHttpAdapter().getInstance().ready();
    const { key, secret } = app.get(ApiKeys).create('vendor', {}, new Date());
    vendor = { id: key.id, secret };
  });
  afterAll(() => app.close());
  beforeEach(() => (written.length = 0));

  it('writes one line for a request with X-Correlation-Id: abc, with that id, the route template and the status', async () => {
    const answer = await call('GET', '/api/v1/partners/P-404', {
      authorization: `Bearer ${vendor.secret}`,
      'x-correlation-id': 'abc',
    });
    expect(requestLines()).toEqual([
      {
        level: 40,
        time: expect.any(Number),
        msg: 'request',
        method: 'GET',
        route: '/api/v1/partners/:partnerId',
        status: answer.statusCode,
        durationMs: expect.any(Number),
        keyId: vendor.id,
        correlationId: 'abc',
      },
    ]);
    expect(answer.statusCode).toBe(404);
  });

  it('gives a command without X-Correlation-Id the id its events were recorded under', async () => {
    const answer = await call(
      'POST',
      '/api/v1/partners',
      { authorization: `Bearer ${vendor.secret}` },
      partner,
    );
    expect(answer.statusCode).toBe(201);
    const [event] = await app.get(EventStore).readAll({ maxCount: 1 });
    expect(requestLines()).toEqual([
      expect.objectContaining({
        level: 30,
        method: 'POST',
        route: '/api/v1/partners',
        status: 201,
        keyId: vendor.id,
        correlationId: event.metadata.correlationId,
      }),
    ]);
  });

  it('logs refusals at warn, without the key that was sent, the body or the query', async () => {
    const forged = 'fp_not-a-real-key-but-secret-all-the-same-000';
    const refused = await call(
      'POST',
      '/api/v1/partners',
      { authorization: `Bearer ${forged}`, 'x-correlation-id': 'a b\nc' },
      { ...partner, partnerId: 'P2', name: 'Тайное имя' },
    );
    const unknown = await call('GET', '/no/such/route?token=hush', {});
    expect([refused.statusCode, unknown.statusCode]).toEqual([401, 404]);
    const [first, second] = requestLines();
    expect(first).toEqual({
      level: 40,
      time: expect.any(Number),
      msg: 'request',
      method: 'POST',
      route: '/api/v1/partners',
      status: 401,
      durationMs: expect.any(Number),
    });
    expect(second).toEqual(
      expect.objectContaining({ level: 40, route: null, path: '/no/such/route', status: 404 }),
    );
    const everything = written.join('');
    for (const secret of [forged, 'Тайное имя', 'hush', 'a b'])
      expect(everything).not.toContain(secret);
  });
});

describe('the log on a terminal', () => {
  const noColour = process.env.NO_COLOR;
  beforeAll(() => (process.env.NO_COLOR = '1'));
  afterAll(() =>
    noColour === undefined ? delete process.env.NO_COLOR : (process.env.NO_COLOR = noColour),
  );

  it('is one readable line per entry: time, level, context, message, then the fields', () => {
    const out: string[] = [];
    const terminal = readable({ write: (text: string) => out.push(text) });
    terminal.write(
      JSON.stringify({
        level: 30,
        time: Date.UTC(2015, 0, 15, 9, 30, 1, 234),
        msg: 'request',
        method: 'GET',
        route: '/api/v1/partners/:partnerId',
        status: 200,
        durationMs: 1.5,
        keyId: 'key_0123456789ab',
        correlationId: 'abc',
      }),
    );
    terminal.write(
      JSON.stringify({ level: 50, time: 0, context: 'main', msg: 'a\nb', name: 'two words' }),
    );
    expect(out).toEqual([
      '09:30:01.234 INFO  request method=GET route=/api/v1/partners/:partnerId status=200 durationMs=1.5 keyId=key_0123456789ab correlationId=abc\n',
      '00:00:00.000 ERROR [main] a\\nb name="two words"\n',
    ]);
  });
});
