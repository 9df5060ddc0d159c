import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { pacedLoad } from '../src/paced-load';

describe('pacedLoad', () => {
  let server: Server;
  let url: string;
  let answered = 0;

  beforeAll(async () => {
    // Holds its first answer for 300 ms, then answers at once.
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const delay = answered++ === 0 ? 300 : 0;
        setTimeout(() => response.writeHead(201).end('{}'), delay);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('charges a stall to every request due during it, not only to the one held', async () => {
    const result = await pacedLoad({
      url,
      headers: { 'content-type': 'application/json' },
      body: () => '{}',
      rate: 100,
      seconds: 1,
      connections: 1,
    });
    expect(result.ok).toBe(100);
    expect(result.failed).toBe(0);
    // On one connection the 30 requests due during the 300 ms stall wait behind it; the five due
    // in its first 50 ms are over 250 ms late when answered: more than 1 % of the hundred.
    expect(result.p99).toBeGreaterThan(250);
  });
});
