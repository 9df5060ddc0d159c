import { ApiKeys } from '@fresh/access';
import { EventStore, verifyLog } from '@fresh/event-store';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServer, IncomingMessage } from 'node:http';
import { AddressInfo } from 'node:net';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  InMemorySpanExporter,
  ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { createApp } from '../apps/api/src/app.factory';
import { PinoLogger } from '../apps/api/src/pino-logger';
import { ProjectorService } from '../apps/api/src/infrastructure/projector.service';
import { tempDataDir } from './support/harness';
import { fresh, ServerProcess } from './support/server-process';

const partner = { partnerId: 'P1', name: 'ООО «Альфа»', country: 'RU', franchisee: true };
const priceList = {
  effectiveFrom: '2014-12-01',
  cskDiscountRate: '0.50',
  positions: [{ code: 'BP-5-12', name: 'Бухгалтерия предприятия', retailPrice: '12345.67' }],
};
const experiment = {
  experimentId: 'exp-2014',
  startsOn: '2014-12-08',
  endsOn: '2015-05-31',
  discountRate: '0.20',
};
const client = {
  clientId: 'C1',
  partnerId: 'P1',
  inn: '7707083893',
  name: 'ООО «Ромашка»',
  application: 'Бухгалтерия предприятия',
  workplaces: 3,
  basis: 'itsaas',
  connectedOn: '2014-12-10',
};
const sale = {
  saleId: 'S1',
  partnerId: 'P1',
  clientId: 'C1',
  positionCode: 'BP-5-12',
  quantity: 1,
  soldOn: '2015-01-15',
};

/** Polls until `found` answers something, for at most 10 s. */
async function eventually<T>(found: () => T | undefined, what: string): Promise<T> {
  for (const until = Date.now() + 10_000; Date.now() < until;) {
    const value = found();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`not within 10 s: ${what}`);
}

describe('traces, in process, with the SDK and its in-memory exporter', () => {
  const exporter = new InMemorySpanExporter();
  const sdk = new NodeSDK({
    spanProcessors: [new SimpleSpanProcessor(exporter)],
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
    autoDetectResources: false,
  });
  const written: string[] = [];
  let app: NestFastifyApplication;
  let vendor: { id: string; secret: string };
  let p1: { id: string; secret: string };

  const send = (
    method: 'POST' | 'PUT',
    url: string,
    key: { secret: string },
    body: object,
    headers: Record<string, string> = {},
  ) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key.secret}`, ...headers },
      payload: body,
    });

  beforeAll(async () => {
    sdk.start(); // before the app is made, as main.ts does
    const logger = new PinoLogger('info', { write: (line: string) => written.push(line) });
    app = await createApp(
      {
        port: 0,
        stores: {
          dataDir: tempDataDir(),
          eventStore: { kind: 'sqlite', synchronous: 'normal' },
          readStore: { kind: 'embedded' },
        },
        bodyLimit: 64 * 1024,
        logLevel: 'info',
        projector: true,
      },
      undefined,
      logger,
    );
    await app.getHttpAdapter().getInstance().ready();
    const keys = app.get(ApiKeys);
    const made = (role: 'vendor' | 'partner', partnerId?: string) => {
      const { key, secret } = keys.create(role, { partnerId }, new Date());
      return { id: key.id, secret };
    };
    vendor = made('vendor');
    p1 = made('partner', 'P1');
    for (const [method, url, key, body] of [
      ['POST', '/api/v1/partners', vendor, partner],
      ['PUT', '/api/v1/price-list', vendor, priceList],
      ['POST', '/api/v1/experiments', vendor, experiment],
      ['POST', '/api/v1/clients', p1, client],
    ] as const) {
      expect((await send(method, url, key, body)).statusCode).toBe(201);
    }
    const head = await app.get(EventStore).headPosition();
    await app.get(ProjectorService).waitFor(head!);
  });

  afterAll(async () => {
    await app.close();
    await sdk.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });

  beforeEach(() => {
    exporter.reset();
    written.length = 0;
  });

  it('one sale is one trace: route → command → decision → append, and on to the projection of its events', async () => {
    const answer = await send('POST', '/api/v1/sales', p1, sale, {
      'x-correlation-id': 'sale-S1',
    });
    expect(answer.statusCode).toBe(201);
    const positions = (answer.json() as { events: { position: string }[] }).events.map(
      (e) => e.position,
    );
    expect(positions).toHaveLength(2);

    const spans = () => exporter.getFinishedSpans();
    const request = await eventually(
      () => spans().find((s) => s.name === 'POST /api/v1/sales'),
      'the request span',
    );
    const traceId = request.spanContext().traceId;
    const batch = await eventually(
      () =>
        spans().find(
          (s) =>
            s.name === 'projector batch' && s.attributes['fresh.position.last'] === positions[1],
        ),
      'the projector batch of the sale',
    );
    const inTrace = spans().filter((s) => s.spanContext().traceId === traceId);
    const named = (name: string): ReadableSpan => {
      const found = inTrace.filter((s) => s.name === name);
      expect(found).toHaveLength(1);
      return found[0];
    };
    const command = named('command SellSubscription');
    const decision = named('decide SellSubscription');
    const append = named('event-store append');
    expect(inTrace.map((s) => s.name).sort()).toEqual([
      'POST /api/v1/sales',
      'command SellSubscription',
      'decide SellSubscription',
      'event-store append',
      'projector batch',
    ]);
    const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
    const idOf = (span: ReadableSpan) => span.spanContext().spanId;

    expect(parentOf(request)).toBeUndefined();
    expect(request.kind).toBe(SpanKind.SERVER);
    expect(request.attributes).toEqual({
      'http.request.method': 'POST',
      'http.route': '/api/v1/sales',
      'http.response.status_code': 201,
      'fresh.correlation_id': 'sale-S1',
      'fresh.key_id': p1.id,
    });

    expect(parentOf(command)).toBe(idOf(request));
    expect(command.attributes).toEqual({
      'fresh.command.type': 'SellSubscription',
      'fresh.command.id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'fresh.correlation_id': 'sale-S1',
      'fresh.key_id': p1.id,
    });

    expect(parentOf(decision)).toBe(idOf(command));
    expect(decision.attributes).toEqual({
      'fresh.command.type': 'SellSubscription',
      'fresh.stream_id': 'sale-S1',
      'fresh.decision.attempts': 1,
    });

    expect(parentOf(append)).toBe(idOf(decision));
    expect(append.attributes).toEqual({
      'db.system.name': 'sqlite',
      'db.operation.name': 'append',
      'fresh.stream_id': 'sale-S1',
      'fresh.events.count': 2,
      'fresh.expected_revision': 'no_stream',
    });

    // The projector handles the events later, in a task of its own: its span is a child of the
    // decision whose trace context the events carry.
    expect(batch.spanContext().traceId).toBe(traceId);
    expect(parentOf(batch)).toBe(idOf(decision));
    expect(batch.links).toEqual([]);
    expect(batch.attributes).toEqual({
      'fresh.generation': expect.any(String),
      'fresh.events.count': 2,
      'fresh.position.first': positions[0],
      'fresh.position.last': positions[1],
    });

    // What the events carry: the decision span's W3C trace context, sampled.
    const recorded = await app.get(EventStore).readStream('sale-S1');
    expect(recorded.map((e) => e.metadata.traceparent)).toEqual([
      `00-${traceId}-${idOf(decision)}-01`,
      `00-${traceId}-${idOf(decision)}-01`,
    ]);

    // A field more in the metadata of new events: the chains cover it as they cover the rest.
    expect(await verifyLog(app.get(EventStore).stored)).toMatchObject({ intact: true });

    // The request's log line names the trace.
    const line = written
      .map((text) => JSON.parse(text))
      .find((entry) => entry.msg === 'request' && entry.route === '/api/v1/sales');
    expect(line).toMatchObject({ status: 201, correlationId: 'sale-S1', traceId });
  });

  it('a refused sale: the command and decision spans say so, and the journaled refusal joins the trace', async () => {
    const answer = await send('POST', '/api/v1/sales', p1, {
      ...sale,
      saleId: 'S2',
      soldOn: '2015-06-01',
    });
    expect(answer.statusCode).toBe(422);
    const request = await eventually(
      () => exporter.getFinishedSpans().find((s) => s.name === 'POST /api/v1/sales'),
      'the request span',
    );
    const traceId = request.spanContext().traceId;
    const [refusal] = await app.get(EventStore).readStream('refusals-P1');
    await eventually(
      () =>
        exporter
          .getFinishedSpans()
          .find((s) => s.attributes['fresh.position.last'] === refusal.position.toString()),
      'the projector batch of the refusal',
    );
    const inTrace = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const byName = Object.fromEntries(inTrace.map((s) => [s.name, s]));
    expect(inTrace.map((s) => s.name).sort()).toEqual([
      'POST /api/v1/sales',
      'command SellSubscription',
      'decide SellSubscription',
      'event-store append',
      'projector batch',
    ]);
    const command = byName['command SellSubscription'];
    const decision = byName['decide SellSubscription'];
    const append = byName['event-store append'];
    expect(request.attributes['http.response.status_code']).toBe(422);
    expect(request.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(command.status.code).toBe(SpanStatusCode.ERROR);
    expect(decision.status.code).toBe(SpanStatusCode.ERROR);
    expect(decision.parentSpanContext?.spanId).toBe(command.spanContext().spanId);
    // The refusal is journaled by the command, after the decision refused.
    expect(append.parentSpanContext?.spanId).toBe(command.spanContext().spanId);
    expect(append.attributes['fresh.stream_id']).toBe('refusals-P1');
    expect(refusal.metadata.traceparent).toBe(`00-${traceId}-${command.spanContext().spanId}-01`);
    expect(byName['projector batch'].parentSpanContext?.spanId).toBe(command.spanContext().spanId);
  });

  it("a caller's traceparent is the request span's parent", async () => {
    const caller = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const answer = await app.inject({
      method: 'GET',
      url: '/api/v1/partners/P1',
      headers: { authorization: `Bearer ${vendor.secret}`, traceparent: caller },
    });
    expect(answer.statusCode).toBe(200);
    const request = await eventually(
      () => exporter.getFinishedSpans().find((s) => s.name === 'GET /api/v1/partners/:partnerId'),
      'the request span',
    );
    expect(request.spanContext().traceId).toBe('0af7651916cd43dd8448eb211c80319c');
    expect(request.parentSpanContext?.spanId).toBe('b7ad6b7169203331');
    expect(request.attributes).toEqual({
      'http.request.method': 'GET',
      'http.route': '/api/v1/partners/:partnerId',
      'http.response.status_code': 200,
      'fresh.key_id': vendor.id,
    });
  });
});

describe('traces, from the built server with OTEL_TRACES_EXPORTER=console', () => {
  it('a sale prints its spans, from the route to the append, in one trace', async () => {
    const dataDir = tempDataDir();
    const key = (...args: string[]) =>
      fresh(['keys', 'create', ...args], dataDir)
        .trim()
        .split('\n')
        .at(-1)!;
    const vendor = key('--role', 'vendor');
    const p1 = key('--role', 'partner', '--partner', 'P1');
    const server = await ServerProcess.start(dataDir, { OTEL_TRACES_EXPORTER: 'console' });
    try {
      const send = async (method: string, path: string, secret: string, body: object) => {
        const answer = await fetch(`${server.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(answer.status).toBe(201);
      };
      await send('POST', '/api/v1/partners', vendor, partner);
      await send('PUT', '/api/v1/price-list', vendor, priceList);
      await send('POST', '/api/v1/experiments', vendor, experiment);
      await send('POST', '/api/v1/clients', p1, client);
      await send('POST', '/api/v1/sales', p1, sale);

      // The console exporter prints each span as it ends (util.inspect of the span).
      const printed = () =>
        server.output
          .split(/\n(?=\{\n {2}resource:)/)
          .map((block) => ({
            name: /\n {2}name: '([^']*)'/.exec(block)?.[1],
            traceId: /\n {2}traceId: '(\w+)'/.exec(block)?.[1],
            id: /\n {2}id: '(\w+)'/.exec(block)?.[1],
            parent: /parentSpanContext: \{\n\s+traceId: '\w+',\n\s+spanId: '(\w+)'/.exec(
              block,
            )?.[1],
            stream: /'fresh\.stream_id': '([^']*)'/.exec(block)?.[1],
          }))
          .filter((span) => span.name !== undefined);
      const request = await eventually(
        () => printed().find((s) => s.name === 'POST /api/v1/sales'),
        'the request span in stdout',
      );
      const inTrace = printed().filter((s) => s.traceId === request.traceId);
      const one = (name: string) => {
        const found = inTrace.filter((s) => s.name === name);
        expect(found).toHaveLength(1);
        return found[0];
      };
      const command = one('command SellSubscription');
      const decision = one('decide SellSubscription');
      const append = one('event-store append');
      expect(request.parent).toBeUndefined();
      expect(command.parent).toBe(request.id);
      expect(decision.parent).toBe(command.id);
      expect(append).toMatchObject({ parent: decision.id, stream: 'sale-S1' });
    } finally {
      await server.stop('SIGTERM');
    }
  });
});

describe('traces, from the built server with OTEL_EXPORTER_OTLP_ENDPOINT (the SDK default: OTLP over HTTP/protobuf)', () => {
  it('exports to the collector, and flushes the spans still waiting in the batch on SIGTERM', async () => {
    const received: { path?: string; type?: string; body: Buffer }[] = [];
    const collector = createServer((request: IncomingMessage, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({
          path: request.url,
          type: request.headers['content-type'],
          body: Buffer.concat(chunks),
        });
        response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const { port } = collector.address() as AddressInfo;
    try {
      const dataDir = tempDataDir();
      const vendor = fresh(['keys', 'create', '--role', 'vendor'], dataDir)
        .trim()
        .split('\n')
        .at(-1)!;
      const server = await ServerProcess.start(dataDir, {
        OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
        OTEL_BSP_SCHEDULE_DELAY: '600000', // nothing is exported before the shutdown
      });
      const answer = await fetch(`${server.url}/api/v1/partners`, {
        method: 'POST',
        headers: { authorization: `Bearer ${vendor}`, 'content-type': 'application/json' },
        body: JSON.stringify(partner),
      });
      expect(answer.status).toBe(201);
      expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      const exported = Buffer.concat(received.map((r) => r.body)).toString('latin1');
      expect(received.map((r) => [r.path, r.type])).toContainEqual([
        '/v1/traces',
        'application/x-protobuf',
      ]);
      for (const name of [
        'POST /api/v1/partners',
        'command RegisterPartner',
        'decide RegisterPartner',
        'event-store append',
      ])
        expect(exported).toContain(name);
    } finally {
      collector.close();
    }
  });

  it('a collector that is down holds the shutdown for the flush bound at most: exit 0', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const dataDir = tempDataDir();
    const server = await ServerProcess.start(dataDir, {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`,
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    // Past the shutdown's grace the service would exit 1 (shutdown.ts): 0 says the flush gave up in time.
    expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
  });
});
