import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ServiceMetrics } from '../apps/api/src/metrics';
import { Harness } from './support/harness';

const OPS = join(__dirname, '..', 'ops', 'prometheus');
const read = (file: string) => parse(readFileSync(join(OPS, file), 'utf8'));

/** Series Prometheus makes itself for every target, not the service. */
const PROMETHEUS_OWN = new Set(['up']);
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset']);

/** The metric names a PromQL expression reads (enough PromQL for the rules in ops/prometheus). */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ');
  const names = [...bare.matchAll(/(?<![\w.:])([a-zA-Z_:][\w:]*)(?![\w:])(?!\s*\()/g)].map(
    (m) => m[1],
  );
  return [...new Set(names.filter((name) => !KEYWORDS.has(name)))];
}

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: string };
  annotations: { summary: string };
}

describe('ops/prometheus', () => {
  let exported: Set<string>;
  let api: Harness;

  beforeAll(async () => {
    // A started service, as served (Node's process metrics are on only with a metrics port).
    api = await Harness.start(undefined, undefined, undefined, {
      metrics: { port: 9464, host: '127.0.0.1' },
    });
    await api.call('GET', '/health');
    const registry = api.app.get(ServiceMetrics).registry;
    await registry.metrics(); // every collect() runs once
    exported = new Set(
      (await registry.getMetricsAsJSON()).flatMap(({ name, type }) =>
        String(type) === 'histogram'
          ? [name, `${name}_bucket`, `${name}_sum`, `${name}_count`]
          : [name],
      ),
    );
  });
  afterAll(() => api.close());

  it('reads the names of the metrics a PromQL expression uses', () => {
    expect(
      metricNamesIn(
        'sum by (instance) (rate(fresh_a_total{status=~"5..", x="and"}[5m])) / sum(rate(fresh_b[1m])) > 0.01 ' +
          'and on (instance) changes(fresh_c[5m]) == 0 or up{job="x"} == 0',
      ),
    ).toEqual(['fresh_a_total', 'fresh_b', 'fresh_c', 'up']);
  });

  it('scrapes the metrics port and loads the alert rules', () => {
    const config = read('prometheus.yml');
    expect(config.rule_files).toEqual(['alerts.yml']);
    const [job] = config.scrape_configs;
    expect(job.metrics_path).toBe('/metrics');
    expect(job.static_configs[0].targets).toEqual(['127.0.0.1:9464']);
  });

  it('has the four alerts, each complete, each on metrics the service exports', () => {
    const rules: Rule[] = read('alerts.yml').groups.flatMap((g: { rules: Rule[] }) => g.rules);
    expect(rules.map((r) => r.alert)).toEqual(
      expect.arrayContaining([
        'FreshProjectorStalled',
        'FreshProjectorLagging',
        'FreshServerErrors',
        'FreshStoreUnavailable',
      ]),
    );
    for (const rule of rules) {
      expect({ alert: rule.alert, expr: typeof rule.expr, for: rule.for }).toEqual({
        alert: rule.alert,
        expr: 'string',
        for: expect.stringMatching(/^\d+[smh]$/),
      });
      expect(['critical', 'warning']).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary).toEqual(expect.any(String));
      const names = metricNamesIn(rule.expr);
      expect(names.length).toBeGreaterThan(0);
      const unknown = names.filter((name) => !exported.has(name) && !PROMETHEUS_OWN.has(name));
      expect({ alert: rule.alert, unknown }).toEqual({ alert: rule.alert, unknown: [] });
    }
  });

  it('knows a misspelt metric when it sees one', () => {
    expect(exported.has('fresh_projector_lag_seconds')).toBe(true);
    expect(exported.has('fresh_http_request_duration_seconds_count')).toBe(true);
    expect(exported.has('fresh_process_cpu_seconds_total')).toBe(true);
    expect(exported.has('fresh_projector_lag_second')).toBe(false);
  });
});
