import { EventStore } from '@fresh/event-store';
import { Agent, request as httpRequest } from 'node:http';
import { ApiKeys } from '@fresh/access';
import { SeededRandom } from '../libs/simulation/src/seeded-random';
import { Harness } from './support/harness';
import { seedProgramme } from './support/programme';
import { OpenApi, Operation, operationsOf, ValidValues, World } from './support/fuzz-values';
import { FuzzRequest, Keys, Mutation, Mutator, Role } from './support/fuzz-requests';
import { checkAnswer, checkSale, Received } from './support/fuzz-checks';

/**
 * Mutated requests over every operation of the live OpenAPI document, seeded (FUZZ_SEED):
 * no answer ≥ 500, every error problem+json, a refused request writes no domain event (a refusal by
 * a rule is journaled once, as CommandRefused), and every
 * accepted sale's money is exact to the kopeck.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20141208);
const REQUEST_MUTATIONS = Number(process.env.FUZZ_REQUESTS ?? 8_500);
const TRANSPORT_MUTATIONS = 1_500;

describe(`fuzz (seed ${SEED})`, () => {
  let api: Harness;
  let random: SeededRandom;
  let mutator: Mutator;
  let ops: Operation[];
  let world: World;

  beforeAll(async () => {
    api = await Harness.start();
    const seed = await seedProgramme(api);
    await seed.ok('POST', '/api/v1/partners/P1/astral-certification', {
      certifiedOn: '2014-12-01',
    });
    for (const [clientId, partnerId, key] of [
      ['C1', 'P1', seed.p1],
      ['C2', 'P1', seed.p1],
      ['C3', 'P2', seed.p2],
    ] as const)
      await seed.ok('POST', '/api/v1/clients', seed.client(clientId, partnerId), key);
    for (const [saleId, partnerId, clientId, key] of [
      ['S1', 'P1', 'C1', seed.p1],
      ['S2', 'P2', 'C3', seed.p2],
    ] as const)
      await seed.ok(
        'POST',
        '/api/v1/sales',
        { saleId, partnerId, clientId, positionCode: 'BP-5-12', quantity: 2, soldOn: '2015-01-15' },
        key,
      );
    const revoked = api.app.get(ApiKeys).create('vendor', {}, new Date());
    api.app.get(ApiKeys).revoke(revoked.key.id, new Date());
    const keys: Keys = {
      vendor: seed.vendor,
      analyst: api.key('analyst'),
      auditor: api.key('auditor'),
      partners: { P1: seed.p1, P2: seed.p2 },
      revoked: revoked.secret,
    };
    world = {
      partnerOf: {},
      clientsOf: { P1: ['C1', 'C2'], P2: ['C3'] },
      sales: ['S1', 'S2'],
      positions: ['BP-5-12', 'UT-1-1'],
      experimentId: 'exp-2014',
      checkpoint: (await api.call('GET', '/api/v1/audit/checkpoints/latest', { key: keys.auditor }))
        .body,
    };
    const doc = (await (await fetch(`${api.url}/docs-json`)).json()) as OpenApi;
    ops = operationsOf(doc);
    random = new SeededRandom(SEED);
    const valid = new ValidValues(doc, random, world);
    mutator = new Mutator(random, valid, keys, await rolesOf(ops, keys, valid));
  });
  afterAll(async () => {
    agent.destroy();
    await api?.close();
  });

  const head = async () => (await api.app.get(EventStore).headPosition()) ?? 0n;

  /** Which roles may call each operation: a key of each role, a valid path, an empty body. */
  async function rolesOf(operations: Operation[], keys: Keys, valid: ValidValues) {
    const roles = new Map<Operation, Role[]>();
    const keyOf: [Role, string][] = [
      ['vendor', keys.vendor],
      ['analyst', keys.analyst],
      ['auditor', keys.auditor],
      ['partner', keys.partners.P1],
    ];
    for (const op of operations) {
      const allowed: Role[] = [];
      for (const [role, key] of keyOf) {
        const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          valid.pathParam(name, role === 'partner' ? 'P1' : undefined),
        );
        const answer = await api.call(op.method, path, { key, body: op.body ? {} : undefined });
        if (answer.body?.code !== 'FORBIDDEN_ROLE') allowed.push(role);
      }
      roles.set(op, allowed);
    }
    return roles;
  }

  /**
   * node:http on one kept-alive socket: about three times faster here than fetch. A request on a
   * reused socket the server had already closed is sent again, as Node's documentation advises;
   * any other failure to answer is reported as such.
   */
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  function send(request: FuzzRequest, retry = true): Promise<Received> {
    const url = new URL(api.url);
    const body = ['GET', 'HEAD'].includes(request.method) ? undefined : request.body;
    // Node writes no length for a DELETE body on its own; the server would read it as a request.
    const length = body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) };
    return new Promise((resolve) => {
      const outgoing = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: request.method,
          path: request.path,
          headers: { ...request.headers, ...length },
          agent,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              contentType: response.headers['content-type'] ?? '',
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (retry && outgoing.reusedSocket && error.code === 'ECONNRESET')
          resolve(send(request, false));
        else resolve({ status: 0, contentType: '', text: '', error: error.message });
      });
      outgoing.end(body);
    });
  }

  /** Sends `count` requests round-robin over the operations; returns the failures by class. */
  async function run(count: number, mutations: Record<string, Mutation>) {
    // Unmutated requests three times as often as each mutation: enough of them reach the rules.
    const kinds = Object.keys(mutations).flatMap((k) => (k === 'valid' ? [k, k, k] : [k]));
    const failures: Record<string, { count: number; first: string }> = {};
    const tally = {
      accepted: 0,
      refused: 0,
      salesChecked: 0,
      byOperation: new Map<Operation, number>(),
      decided: new Map<Operation, number>(), // accepted, or refused by a rule: past validation
    };
    // Sales twice in each round: the money check needs many of them whatever the number of routes.
    const rotation = [
      ...ops,
      ...ops.filter((o) => o.method === 'POST' && o.path === '/api/v1/sales'),
    ];
    let position = await head();
    for (let i = 0; i < count; i++) {
      const op = rotation[i % rotation.length];
      const kind = random.pick(kinds);
      const request = mutator.request(op, kind, mutations[kind]);
      const answer = await send(request);
      const after = await head();
      const problems = checkAnswer(request, answer);
      if (answer.status >= 400 && after !== position) {
        // A rule's refusal is journaled, once, outside the domain's streams; nothing else moves.
        const moved = await api.app.get(EventStore).readAll({ after: position, maxCount: 10 });
        const journaled =
          answer.status === 422 && moved.length === 1 && moved[0].type === 'CommandRefused';
        if (!journaled)
          problems.push(
            `refused with ${answer.status} but the log moved from ${position} to ${after}: ${moved.map((e) => e.type).join(', ')}`,
          );
      }
      position = after;
      if (answer.status < 300) {
        tally.accepted++;
        problems.push(...recordAccepted(request, answer, tally));
      } else tally.refused++;
      tally.byOperation.set(op, (tally.byOperation.get(op) ?? 0) + 1);
      if (answer.status < 300 || answer.status === 422)
        tally.decided.set(op, (tally.decided.get(op) ?? 0) + 1);
      for (const problem of problems) {
        const entry = (failures[kind] ??= { count: 0, first: '' });
        entry.count++;
        entry.first ||= `${request.method} ${request.path.slice(0, 120)} → ${answer.status} ${answer.contentType}: ${problem} ${answer.text.slice(0, 200)}`;
      }
    }
    return { failures, tally };
  }

  /** Grows the world with what was accepted, and checks each sale's money. */
  function recordAccepted(
    request: FuzzRequest,
    answer: Received,
    tally: { salesChecked: number },
  ): string[] {
    const fields = request.fields ?? {};
    if (request.method !== request.op.method) return [];
    if (request.op.path === '/api/v1/sales') {
      world.sales.push(String(fields.saleId));
      tally.salesChecked++;
      return checkSale(JSON.parse(answer.text), Number(fields.quantity));
    }
    if (request.op.path === '/api/v1/clients' && fields.partnerId)
      world.clientsOf[String(fields.partnerId)]?.push(String(fields.clientId));
    return [];
  }

  it(`${REQUEST_MUTATIONS} mutated requests: no 5xx, problem+json errors, no event from a refusal, exact money`, async () => {
    const { failures, tally } = await run(REQUEST_MUTATIONS, mutator.requestMutations);
    expect(failures).toEqual({});
    expect(tally.accepted + tally.refused).toBe(REQUEST_MUTATIONS);
    // The money check ran on many sales (the operations share the requests: more routes, fewer each).
    expect(tally.salesChecked).toBeGreaterThanOrEqual(40);
    for (const op of ops) {
      expect([op.path, tally.byOperation.get(op)! >= 100]).toEqual([op.path, true]);
      expect([op.path, tally.decided.get(op)! > 0]).toEqual([op.path, true]);
    }
    const verify = await api.call('GET', '/api/v1/audit/verify', { key: api.key('auditor') });
    expect(verify.body.intact).toBe(true);
  }, 300_000);

  it(`${TRANSPORT_MUTATIONS} transport mutations: form and other media types, bad URL encoding, long path params, huge headers`, async () => {
    const { failures, tally } = await run(TRANSPORT_MUTATIONS, mutator.transportMutations);
    expect(failures).toEqual({});
    expect(tally.accepted + tally.refused).toBe(TRANSPORT_MUTATIONS);
  }, 120_000);
});
