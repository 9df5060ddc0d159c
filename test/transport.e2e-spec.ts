import { Harness } from './support/harness';
import { RawAnswer, RawConnection, rawRequest } from './support/raw-http';

const PARTNER = { partnerId: 'P-T1', name: 'ООО «Тест»', country: 'RU', franchisee: true };

function expectProblem(answer: RawAnswer | undefined, status: number, code: string) {
  expect(answer).toBeDefined();
  expect(answer!.status).toBe(status);
  expect(answer!.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(answer!.body).toMatchObject({ status, code });
  expect(typeof answer!.body.title).toBe('string');
  expect(typeof answer!.body.detail).toBe('string');
}

describe('the HTTP transport: JSON bodies only', () => {
  let api: Harness;
  let vendor: string;
  beforeAll(async () => {
    api = await Harness.start();
    vendor = api.key('vendor');
  });
  afterAll(() => api.close());

  const registered = async (partnerId: string) =>
    (await api.call('GET', `/api/v1/partners/${partnerId}`, { key: vendor })).status;

  it.each([
    ['application/x-www-form-urlencoded', 'partnerId=P-F1&name=A&country=RU&franchisee=true'],
    ['text/plain', JSON.stringify({ ...PARTNER, partnerId: 'P-F1' })],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--x--',
    ],
    ['application/xml', '<partner/>'],
  ])('a %s body is 415 UNSUPPORTED_MEDIA_TYPE, and records nothing', async (type, raw) => {
    const answer = await api.call('POST', '/api/v1/partners', {
      key: vendor,
      raw,
      headers: { 'content-type': type },
    });
    expect(answer.status).toBe(415);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await registered('P-F1')).toBe(404);
  });

  it('a body without a Content-Type is 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const body = JSON.stringify({ ...PARTNER, partnerId: 'P-F2' });
    const answer = await rawRequest(
      api.url,
      `POST /api/v1/partners HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${vendor}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    expectProblem(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(await registered('P-F2')).toBe(404);
  });

  it('application/json; charset=utf-8 is accepted', async () => {
    const answer = await api.call('POST', '/api/v1/partners', {
      key: vendor,
      body: { ...PARTNER, partnerId: 'P-J1' },
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(answer.status).toBe(201);
    expect(await registered('P-J1')).toBe(200);
  });
});

describe('the HTTP transport: every error is problem+json, however early', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await Harness.start();
  });
  afterAll(() => api.close());

  const get = (target: string, headers = '') =>
    rawRequest(api.url, `GET ${target} HTTP/1.1\r\nHost: x\r\n${headers}Connection: close\r\n\r\n`);

  it('a path that is not a valid URL is 400 INVALID_URL', async () => {
    expectProblem(await get('/api/v1/partners/%ZZ'), 400, 'INVALID_URL');
  });

  it('a path parameter over 100 characters is 414 URI_TOO_LONG', async () => {
    expectProblem(await get(`/api/v1/partners/${'P'.repeat(101)}`), 414, 'URI_TOO_LONG');
  });

  it('an unknown route is 404 NOT_FOUND', async () => {
    expectProblem(await get('/api/v1/nothing-here'), 404, 'NOT_FOUND');
    expectProblem(await get('/'), 404, 'NOT_FOUND');
  });

  it('malformed HTTP is 400 MALFORMED_REQUEST, and the connection is closed', async () => {
    const post = 'POST /api/v1/partners HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n';
    for (const bytes of [
      `${post}Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n`, // a chunk size that is not hex
      `GET /health HTTP/1.1\r\nHost: x\r\nX-Note: a\x01b\r\n\r\n`, // a control character in a header
      `${post}Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, // conflicting lengths
      `${post}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`,
      'NOT-HTTP\r\n\r\n',
    ]) {
      const answer = await rawRequest(api.url, bytes);
      expectProblem(answer, 400, 'MALFORMED_REQUEST');
      expect(answer!.closed).toBe(true);
    }
  });

  it('headers over 16 KiB are 431 HEADERS_TOO_LARGE', async () => {
    expectProblem(
      await get('/health', `X-Big: ${'a'.repeat(20_000)}\r\n`),
      431,
      'HEADERS_TOO_LARGE',
    );
  });

  it('a body over the limit is 413 BODY_TOO_LARGE', async () => {
    const answer = await api.call('POST', '/api/v1/partners', {
      key: api.key('vendor'),
      raw: JSON.stringify({ ...PARTNER, name: 'x'.repeat(70_000) }),
    });
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('BODY_TOO_LARGE');
  });
});

describe('the HTTP transport: slow and idle connections are closed', () => {
  let api: Harness;
  beforeAll(async () => {
    api = await Harness.start(undefined, undefined, undefined, {
      timeouts: { headers: 1_000, request: 2_000, keepAlive: 500 },
    });
  });
  afterAll(() => api.close());

  it('unfinished headers: 408 REQUEST_TIMEOUT and closed, within a few seconds', async () => {
    const slowloris = new RawConnection(api.url);
    await slowloris.write('GET /health HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n');
    expectProblem(await slowloris.untilClosed(6_000), 408, 'REQUEST_TIMEOUT');
  });

  it('a connection that sends nothing is closed', async () => {
    const silent = new RawConnection(api.url);
    await silent.untilClosed(6_000);
  });

  it('a body that crawls (one byte at a time) is 408 REQUEST_TIMEOUT and closed', async () => {
    const crawler = new RawConnection(api.url);
    await crawler.write(
      'POST /api/v1/partners HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
    );
    const drip = setInterval(() => void crawler.write(' '), 300);
    try {
      expectProblem(await crawler.untilClosed(8_000), 408, 'REQUEST_TIMEOUT');
    } finally {
      clearInterval(drip);
    }
  });

  it('an idle keep-alive connection is closed after its answer', async () => {
    const idle = new RawConnection(api.url);
    await idle.write('GET /health HTTP/1.1\r\nHost: x\r\n\r\n');
    const answer = await idle.untilClosed(5_000);
    expect(answer!.status).toBe(200);
  });
});
