import SwaggerParser from '@apidevtools/swagger-parser';
import { OpenAPIV3 } from 'openapi-types';
import { Harness } from './support/harness';

/** The OpenAPI document the service serves: valid, and saying what a partner-system developer needs. */
describe('the OpenAPI document at /docs-json', () => {
  let api: Harness;
  let document: OpenAPIV3.Document;

  beforeAll(async () => {
    api = await Harness.start();
    document = (await api.call('GET', '/docs-json')).body;
  });
  afterAll(() => api.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      (['get', 'post', 'put', 'delete', 'patch'] as const)
        .filter((method) => item?.[method])
        .map((method) => ({ name: `${method.toUpperCase()} ${path}`, op: item![method]! })),
    );

  it('is a valid OpenAPI 3 document (swagger-parser validates it against the specification)', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('describes bearer API keys, not JWTs', () => {
    const schemes = document.components?.securitySchemes ?? {};
    expect(Object.values(schemes)).toEqual([
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    ]);
    expect(JSON.stringify(schemes)).not.toContain('JWT');
  });

  it('gives every operation a summary, its roles and an example of its answer', () => {
    const missing = operations().filter(({ op }) => {
      const ok = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
      const content = (ok?.[1] as OpenAPIV3.ResponseObject | undefined)?.content ?? {};
      const documented = Object.values(content).every((c) => c.schema);
      return (
        !op.summary || !/Roles: |No key needed/.test(op.description ?? '') || !ok || !documented
      );
    });
    expect(missing.map((m) => m.name)).toEqual([]);
    expect(operations().length).toBeGreaterThanOrEqual(20);
  });

  it('lists the errors of every keyed operation as problem+json with their codes', () => {
    for (const { name, op } of operations()) {
      if (!op.security) continue;
      for (const status of ['401', '403', '429', '503']) {
        const response = op.responses[status] as OpenAPIV3.ResponseObject | undefined;
        expect({ name, status, types: Object.keys(response?.content ?? {}) }).toEqual({
          name,
          status,
          types: ['application/problem+json'],
        });
      }
    }
  });

  it('shows a sale’s own example, not another command’s', () => {
    const sale = document.paths['/api/v1/sales']!.post!;
    const created = sale.responses['201'] as OpenAPIV3.ResponseObject;
    const example = created.content!['application/json'].example as { events: { type: string }[] };
    expect(example.events.map((e) => e.type)).toEqual(['SubscriptionSold', 'DiscountApplied']);
    const rules = sale.responses['422'] as OpenAPIV3.ResponseObject;
    expect(rules.description).toContain('EXPERIMENT_NOT_ACTIVE');
  });
});
