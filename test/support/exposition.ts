/**
 * A reader of Prometheus's text exposition format (what /metrics answers), enough for tests:
 * samples by name and labels. prom-client writes label values escaped (\\, \", \n); so are they read.
 */
export class Exposition {
  private constructor(
    /** `name{a="1",b="2"}` (labels sorted) → value. */
    private readonly samples: Map<string, number>,
    /** Metric names declared by `# TYPE` lines. */
    readonly families: Set<string>,
  ) {}

  static parse(text: string): Exposition {
    const samples = new Map<string, number>();
    const families = new Set<string>();
    for (const line of text.split('\n')) {
      const type = /^# TYPE (\S+) \S+$/.exec(line);
      if (type) families.add(type[1]);
      if (line === '' || line.startsWith('#')) continue;
      const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!sample) throw new Error(`not an exposition line: ${line}`);
      const labels: Record<string, string> = {};
      for (const [, name, value] of (sample[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g))
        labels[name] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      samples.set(Exposition.key(sample[1], labels), Number(sample[3]));
    }
    return new Exposition(samples, families);
  }

  /** The sample's value; undefined when the series is absent. */
  value(name: string, labels: Record<string, string> = {}): number | undefined {
    return this.samples.get(Exposition.key(name, labels));
  }

  /** Every series (name and labels) whose text contains `part`. */
  series(part: string): string[] {
    return [...this.samples.keys()].filter((key) => key.includes(part));
  }

  private static key(name: string, labels: Record<string, string>): string {
    const pairs = Object.keys(labels)
      .sort()
      .map((label) => `${label}="${labels[label]}"`);
    return pairs.length ? `${name}{${pairs.join(',')}}` : name;
  }
}

/** GETs an exposition and reads it. */
export async function scrape(url: string): Promise<Exposition> {
  const answer = await fetch(url);
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}`);
  return Exposition.parse(await answer.text());
}
