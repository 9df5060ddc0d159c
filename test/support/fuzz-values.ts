import { SeededRandom } from '../../libs/simulation/src/seeded-random';

/** The parts of an OpenAPI 3 document the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema: Schema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

export interface OpenApi {
  paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'> & { requestBody?: any }>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  components: { schemas: Record<string, Schema> };
}

/** Every operation of the document, with its body schema resolved. */
export function operationsOf(doc: OpenApi): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

export function resolve(doc: OpenApi, schema: Schema): Schema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.replace('#/components/schemas/', '');
  const found = doc.components.schemas[name];
  if (!found) throw new Error(`the document names a schema it lacks: ${schema.$ref}`);
  return found;
}

/** What a valid request of the seeded world may name. */
export interface World {
  partnerOf: Record<string, string>; // partner key → its partnerId
  clientsOf: Record<string, string[]>; // partnerId → clients it connected
  sales: string[];
  positions: string[];
  experimentId: string;
  /** A checkpoint the service issued: the one valid body of a verify against a checkpoint. */
  checkpoint: Record<string, unknown>;
}

/** The experiment's window: most valid business dates fall in it, so sales reach the discount. */
const WINDOW = ['2014-12-10', '2015-05-31'] as const;

/** Builds valid bodies, paths and queries from the document, consistent with the seeded world. */
export class ValidValues {
  private serial = 0;

  constructor(
    private readonly doc: OpenApi,
    private readonly random: SeededRandom,
    private readonly world: World,
  ) {}

  fresh(prefix: string): string {
    return `${prefix}${(this.serial++).toString(36)}`;
  }

  /** A partner id the acting key may name: its own, or for 1C staff one of the registered. */
  partner(actingPartner?: string): string {
    return actingPartner ?? this.random.pick(Object.keys(this.world.clientsOf));
  }

  client(partnerId: string): string {
    const clients = this.world.clientsOf[partnerId] ?? [];
    return clients.length ? this.random.pick(clients) : 'C1';
  }

  pathParam(name: string, actingPartner?: string): string {
    const partnerId = this.partner(actingPartner);
    switch (name) {
      case 'partnerId':
        return partnerId;
      case 'clientId':
        return this.client(partnerId);
      case 'saleId':
        return this.random.pick(this.world.sales);
      case 'experimentId':
        return this.world.experimentId;
      case 'subjectId': // a client, or a partner for its responsible employee
        return this.random.pick([this.client(partnerId), partnerId]);
      default:
        throw new Error(`no valid value for the path parameter ${name}`);
    }
  }

  queryParam(schema: Schema): string {
    if (schema.enum) return String(this.random.pick(schema.enum));
    if (schema.format === 'date') return this.date();
    if (schema.type === 'boolean') return this.random.pick(['true', 'false']);
    return String(schema.example ?? 'x');
  }

  date(): string {
    return this.random.dateBetween(WINDOW[0], WINDOW[1]);
  }

  money(maxRoubles: number): string {
    return `${this.random.int(1, maxRoubles)}.${String(this.random.int(0, 99)).padStart(2, '0')}`;
  }

  /** A valid body for an operation: ids of the world (or fresh where the command creates one). */
  body(op: Operation, actingPartner?: string): Record<string, unknown> {
    if (op.path === '/api/v1/audit/verify/checkpoint') return { ...this.world.checkpoint };
    const creates = op.path.match(/^\/api\/v1\/(partners|clients|sales|experiments)$/)?.[1];
    const context = { creates, partnerId: this.partner(actingPartner) };
    return this.object(resolve(this.doc, op.body!), context);
  }

  private object(
    schema: Schema,
    context: { creates?: string; partnerId: string },
  ): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    for (const [field, property] of Object.entries(schema.properties ?? {})) {
      const required = schema.required?.includes(field);
      if (!required && this.random.chance(0.5)) continue;
      body[field] = this.field(field, resolve(this.doc, property), context);
    }
    return body;
  }

  private field(
    field: string,
    schema: Schema,
    context: { creates?: string; partnerId: string },
  ): unknown {
    switch (field) {
      case 'partnerId':
        return context.creates === 'partners' ? this.fresh('F') : context.partnerId;
      case 'clientId':
        return context.creates === 'clients' ? this.fresh('CF') : this.client(context.partnerId);
      case 'saleId':
        return this.fresh('SF');
      case 'experimentId':
        return this.fresh('xf');
      case 'positionCode':
        return this.random.pick(this.world.positions);
      case 'positions': {
        // Every position of the world stays on sale, whatever the list's date; now and then one more.
        const item = resolve(this.doc, schema.items!);
        const codes = [
          ...this.world.positions,
          ...(this.random.chance(0.3) ? [this.fresh('POS')] : []),
        ];
        return codes.map((code) => ({ ...this.object(item, context), code }));
      }
      case 'retailPrice':
        return this.random.chance(0.1) ? '9999999.99' : this.money(this.random.pick([99, 99_999]));
      case 'amount':
        return this.money(50_000);
      case 'quantity':
        return this.random.chance(0.1) ? 1000 : this.random.int(1, 12);
      case 'checkpoint': // a verify against a checkpoint the service issued
        return { ...this.world.checkpoint };
      case 'discountRate':
      case 'newDiscountRate':
        return this.random.pick(['0.20', '0.15', '0.2', '0.125']);
    }
    if (schema.enum) return this.random.pick(schema.enum);
    if (schema.format === 'date') return this.date();
    if (schema.type === 'boolean') return true;
    if (schema.type === 'integer' || schema.type === 'number')
      return this.random.int(schema.minimum ?? 1, (schema.minimum ?? 1) + 10);
    if (schema.type === 'array') {
      const items = resolve(this.doc, schema.items!);
      return Array.from({ length: this.random.int(1, 3) }, () => this.object(items, context));
    }
    if (schema.type === 'object' || schema.properties) return this.object(schema, context);
    if (schema.example !== undefined) return schema.example;
    if (schema.type === 'string') return `fuzz ${field}`;
    throw new Error(`no valid value for the field ${field}`);
  }
}
