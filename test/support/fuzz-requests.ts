import { SeededRandom } from '../../libs/simulation/src/seeded-random';
import {
  BAD_BODIES,
  BAD_DATES,
  COUNT_EDGES,
  DEEP,
  EXTRA_NAMES,
  HUGE_VALUES,
  MONEY_EDGES,
  nest,
  ODD_IDS,
  RATE_EDGES,
  Raw,
  WRONG_VALUES,
} from './fuzz-pools';
import { Operation, ValidValues } from './fuzz-values';

/** One request as sent on the wire, tagged with the class of mutation that made it. */
export interface FuzzRequest {
  kind: string;
  op: Operation;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The body before serialisation, when it is a JSON object (for the checks of accepted sales). */
  fields?: Record<string, unknown>;
}

/** The keys of the run: one per role, partner keys by partner, and a revoked one. */
export interface Keys {
  vendor: string;
  analyst: string;
  auditor: string;
  partners: Record<string, string>; // partnerId → key
  revoked: string;
}

export type Role = 'vendor' | 'analyst' | 'auditor' | 'partner';

export type Mutation = (request: Draft) => void;

export interface Draft {
  op: Operation;
  role: Role;
  actingPartner?: string;
  params: Record<string, string>;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  fields?: Record<string, unknown>;
  raw?: string;
  method: string;
  rawPath?: string;
}

/** Valid requests of every operation, and mutations of them. */
export class Mutator {
  constructor(
    private readonly random: SeededRandom,
    private readonly valid: ValidValues,
    private readonly keys: Keys,
    private readonly rolesOf: Map<Operation, Role[]>,
  ) {}

  /** Mutations that the validation layer must turn into clean answers. */
  readonly requestMutations: Record<string, Mutation> = {
    valid: () => undefined,
    'valid-edge': (d) => this.inField(d, (f, value) => this.edge(f, value)),
    'missing-field': (d) => this.inObject(d, (o) => delete o[this.random.pick(Object.keys(o))]),
    'extra-field': (d) =>
      this.inObject(d, (o) => define(o, this.random.pick(EXTRA_NAMES), this.wrong())),
    'wrong-type': (d) => this.inField(d, () => this.wrong()),
    nested: (d) => this.nested(d),
    'deep-nesting': (d) => {
      // With a key now and then: the idempotency fingerprint must not walk the depth either.
      if (this.random.chance(0.3)) d.headers['idempotency-key'] = this.valid.fresh('deep-');
      if (this.random.chance(0.2)) d.raw = (this.random.pick(DEEP()) as Raw).text;
      else this.inObject(d, (o) => define(o, this.pickKey(o), this.random.pick(DEEP())));
    },
    'huge-value': (d) => this.inField(d, () => this.random.pick(HUGE_VALUES())),
    'bad-date': (d) => this.inField(d, () => this.random.pick(BAD_DATES), /On$|From$|since/),
    'odd-id': (d) =>
      this.random.chance(0.5) && Object.keys(d.params).length
        ? (d.params[this.random.pick(Object.keys(d.params))] = this.random
            .pick(ODD_IDS)
            .slice(0, 100))
        : this.inField(d, () => this.random.pick(ODD_IDS), /Id$|^code$|positionCode/),
    'bad-query': (d) => this.badQuery(d),
    'bad-body': (d) => (d.raw = this.random.pick(BAD_BODIES)),
    'bad-auth': (d) => this.badAuth(d),
    'bad-header': (d) => this.badHeader(d),
    'wrong-method': (d) =>
      (d.method = this.random.pick(
        ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].filter((m) => m !== d.op.method),
      )),
  };

  /** Mutations below the application: the transport (parsers, URL, headers) must answer them cleanly. */
  readonly transportMutations: Record<string, Mutation> = {
    'form-body': (d) => {
      d.headers['content-type'] = 'application/x-www-form-urlencoded';
      d.raw = new URLSearchParams(
        Object.entries(d.fields ?? { a: '1' }).map(([k, v]): [string, string] => [k, String(v)]),
      ).toString();
    },
    'other-media-type': (d) => {
      d.headers['content-type'] = this.random.pick([
        'text/plain',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/octet-stream',
        'application/json-patch+json',
        'image/png',
      ]);
    },
    'bad-url-encoding': (d) => {
      const bad = this.random.pick(['%ZZ', '%', '%E0%A4%A', '%C0%AF', 'P1%G1', '%%']);
      const names = Object.keys(d.params);
      if (names.length) d.params[this.random.pick(names)] = bad;
      else d.rawPath = `${d.op.path}?${this.random.pick(['asOf', 'segment', 'x'])}=${bad}`;
    },
    'long-path-param': (d) => {
      const names = Object.keys(d.params);
      const long = 'P'.repeat(this.random.int(101, 20_000));
      if (names.length) d.params[this.random.pick(names)] = long;
      else d.rawPath = `${d.op.path}/${long}`;
    },
    'huge-header': (d) => {
      d.headers[this.random.pick(['x-filler', 'idempotency-key', 'x-correlation-id', 'cookie'])] =
        'h'.repeat(this.random.int(17_000, 70_000));
    },
  };

  request(op: Operation, kind: string, mutation: Mutation): FuzzRequest {
    const draft = this.draft(op);
    mutation(draft);
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(draft.query))
      for (const v of [value].flat()) query.append(name, v);
    const path =
      draft.rawPath ??
      op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
        /%|P{101}/.test(draft.params[name])
          ? draft.params[name]
          : encodeURIComponent(draft.params[name]),
      ) + (query.size ? `?${query}` : '');
    const body = draft.raw ?? (draft.fields && serialise(draft.fields));
    if (body !== undefined) draft.headers['content-type'] ??= 'application/json';
    return {
      kind,
      op,
      method: draft.method,
      path,
      headers: draft.headers,
      body,
      fields: draft.fields,
    };
  }

  private draft(op: Operation): Draft {
    const allowed = this.rolesOf.get(op) ?? [];
    const role = allowed.length ? this.random.pick(allowed) : 'vendor';
    const partnerIds = Object.keys(this.keys.partners);
    const actingPartner = role === 'partner' ? this.random.pick(partnerIds) : undefined;
    const key =
      role === 'partner'
        ? this.keys.partners[actingPartner!]
        : this.keys[role as Exclude<Role, 'partner'>];
    const params: Record<string, string> = {};
    const query: Record<string, string> = {};
    for (const p of op.parameters) {
      if (p.in === 'path') params[p.name] = this.valid.pathParam(p.name, actingPartner);
      else if (p.in === 'query' && p.name !== 'generation' && this.random.chance(0.5))
        query[p.name] = this.valid.queryParam(p.schema);
    }
    return {
      op,
      role,
      actingPartner,
      params,
      query,
      headers: key ? { authorization: `Bearer ${key}` } : {},
      fields: op.body ? this.valid.body(op, actingPartner) : undefined,
      method: op.method,
    };
  }

  private wrong(): unknown {
    const value = this.random.pick(WRONG_VALUES);
    return value instanceof Raw ? value : structuredClone(value);
  }

  private pickKey(o: Record<string, unknown>): string {
    const keys = Object.keys(o);
    return keys.length && this.random.chance(0.8) ? this.random.pick(keys) : 'extra';
  }

  /** Applies `change` to a random object of the body: the body itself or a nested one. */
  private inObject(d: Draft, change: (o: Record<string, unknown>) => void): void {
    if (!d.fields) return this.badQuery(d);
    const objects = [d.fields, ...nestedObjects(d.fields)];
    change(this.random.pick(objects));
  }

  /** Replaces the value of a field (of the body or a nested object) whose name matches. */
  private inField(
    d: Draft,
    value: (field: string, old: unknown) => unknown,
    names: RegExp = /./,
  ): void {
    if (!d.fields) return this.badQuery(d);
    const candidates = [d.fields, ...nestedObjects(d.fields)].flatMap((o) =>
      Object.keys(o)
        .filter((f) => names.test(f))
        .map((f) => [o, f] as const),
    );
    if (!candidates.length)
      return this.inObject(d, (o) => define(o, this.pickKey(o), this.wrong()));
    const [object, field] = this.random.pick(candidates);
    define(object, field, value(field, object[field]));
  }

  private nested(d: Draft): void {
    const positions = d.fields?.positions as unknown[] | undefined;
    if (positions && this.random.chance(0.5)) {
      const element = this.random.pick([[], [[]], null, 'BP-5-12', 7, true, [{}], ...DEEP()]);
      positions[this.random.int(0, positions.length)] = element;
      return;
    }
    if (d.fields && 'basis' in d.fields && this.random.chance(0.5)) {
      d.fields.basis = 'its-prof';
      d.fields.itsProfContract = this.random.pick<unknown>([
        [],
        [[[]]],
        {},
        { number: 5, validUntil: '2015-06-01' },
        { number: 'ИТС-1', validUntil: '2015-02-30' },
        { number: 'ИТС-1', validUntil: '2015-06-01', extra: true },
        'ИТС-1',
        nest(1_300, '[', ']'),
      ]);
      return;
    }
    this.inField(d, () => this.random.pick<unknown>([{}, [], [{}], { a: { b: { c: [] } } }]));
  }

  private edge(field: string, value: unknown): unknown {
    if (/Price|amount/.test(field)) return this.random.pick(MONEY_EDGES);
    if (/Rate$/.test(field)) return this.random.pick(RATE_EDGES);
    if (typeof value === 'number') return this.random.pick(COUNT_EDGES);
    if (/On$|From$|since|validUntil/.test(field))
      return this.random.pick(['2014-12-08', '2015-05-31', '2015-06-01', '2014-12-07']);
    return value;
  }

  private badQuery(d: Draft): void {
    const name = this.random.pick([
      'asOf',
      'segment',
      'publishedOnly',
      'granularity',
      'generation',
      'x',
    ]);
    d.query[name] = this.random.pick<string | string[]>([
      '',
      'maybe',
      '2015-02-30',
      'asof-2015-02-30',
      'g../../etc',
      'x'.repeat(3_000),
      ['csk', 'all'],
      ['true', 'false'],
      '__proto__',
      '9999-12-31',
    ]);
  }

  private badAuth(d: Draft): void {
    const other = Object.values(this.keys.partners).find(
      (k) => k !== d.headers.authorization?.slice(7),
    );
    const choice = this.random.int(0, 7);
    if (choice === 0) delete d.headers.authorization;
    else
      d.headers.authorization = [
        '',
        'Bearer',
        'Bearer ',
        `Bearer ${'z'.repeat(40)}`,
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        `Bearer ${this.keys.revoked}`,
        `Bearer ${this.random.chance(0.5) ? other : this.keys.analyst}`,
      ][choice - 1];
  }

  private badHeader(d: Draft): void {
    const [name, value] = this.random.pick<[string, string]>([
      ['idempotency-key', ''],
      ['idempotency-key', 'k'.repeat(201)],
      ['idempotency-key', this.valid.fresh('idem-')],
      ['x-correlation-id', 'x'.repeat(500)],
      ['x-correlation-id', 'a b;c'],
      ['accept', 'text/html'],
      ['content-type', 'application/json; charset=utf-8'],
      ['content-encoding', 'gzip'],
      ['x-forwarded-for', 'not-an-ip'],
    ]);
    d.headers[name] = value;
  }
}

/** Sets a field as an own property, even "__proto__". */
function define(o: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function nestedObjects(value: unknown): Record<string, unknown>[] {
  if (typeof value !== 'object' || value === null || value instanceof Raw) return [];
  return Object.values(value).flatMap((child) =>
    typeof child === 'object' && child !== null && !(child instanceof Raw) && !Array.isArray(child)
      ? [child as Record<string, unknown>, ...nestedObjects(child)]
      : nestedObjects(child),
  );
}

/** JSON of a draft body, with each Raw spliced in as written. */
function serialise(fields: Record<string, unknown>): string {
  const raws: string[] = [];
  const text = JSON.stringify(fields, (_key, value: unknown) => {
    if (value instanceof Raw) {
      raws.push(value.text);
      return `\u0001RAW${raws.length - 1}\u0001`;
    }
    return value;
  });
  return text.replace(/"\\u0001RAW(\d+)\\u0001"/g, (_, i: string) => raws[Number(i)]);
}
