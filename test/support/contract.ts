import Ajv, { ValidateFunction } from 'ajv';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

interface Operation {
  pattern: RegExp;
  method: string;
  path: string;
  responses: Record<string, Json>;
}

/**
 * The service's own OpenAPI document, used to check the answers the end-to-end tests receive: an
 * answer to a documented operation must have a documented status, the documented content type and a
 * body that its schema accepts. So the document cannot drift from what the service does.
 */
export class Contract {
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly validators = new Map<object, ValidateFunction>();

  private constructor(
    private readonly document: Json,
    private readonly operations: Operation[],
  ) {}

  static async of(baseUrl: string): Promise<Contract> {
    const document: Json = await (await fetch(`${baseUrl}/docs-json`)).json();
    const operations: Operation[] = [];
    for (const [path, item] of Object.entries<Json>(document.paths)) {
      const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const [method, op] of Object.entries<Json>(item)) {
        operations.push({ pattern, method: method.toUpperCase(), path, responses: op.responses });
      }
    }
    return new Contract(document, operations);
  }

  /** Throws, naming the operation and what differs, when an answer is not what the document says. */
  check(method: string, url: string, answer: { status: number; headers: Headers; body: unknown }) {
    const path = url.split('?')[0];
    const op = this.operations.find((o) => o.method === method && o.pattern.test(path));
    if (!op) return;
    const where = `${method} ${op.path} answered ${answer.status}`;
    const documented = op.responses[String(answer.status)];
    if (!documented) throw new Error(`${where}, which the OpenAPI document does not list`);
    if (answer.body === undefined) return;
    const type = (answer.headers.get('content-type') ?? '').split(';')[0].trim();
    const content = documented.content?.[type];
    if (!content) throw new Error(`${where} as ${type}, which the document does not list`);
    const validate = this.validator(content.schema);
    if (!validate(answer.body)) {
      throw new Error(
        `${where}: the body does not match the document: ${this.ajv.errorsText(validate.errors)}\n` +
          JSON.stringify(answer.body).slice(0, 500),
      );
    }
  }

  private validator(schema: object): ValidateFunction {
    let validate = this.validators.get(schema);
    if (!validate) {
      validate = this.ajv.compile({ ...schema, components: this.document.components });
      this.validators.set(schema, validate);
    }
    return validate;
  }
}
