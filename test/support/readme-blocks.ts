import { readFileSync } from 'node:fs';

/** A shell block of the README to run, and what its last answer must hold, if the README says. */
export interface ReadmeStep {
  line: number;
  script: string;
  expect?: { json: unknown; eventually: boolean; line: number };
}

const MARK = /^<!-- readme-test: (run|expect|expect eventually) -->$/;

/** The marked blocks of a Markdown file: each `run` shell block, with the `expect` block after it. */
export function readmeSteps(path: string): ReadmeStep[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const steps: ReadmeStep[] = [];
  for (let i = 0; i < lines.length; i++) {
    const mark = MARK.exec(lines[i].trim());
    if (!mark) continue;
    const open = lines.findIndex((l, j) => j > i && l.startsWith('```'));
    const close = lines.findIndex((l, j) => j > open && l.startsWith('```'));
    if (open < 0 || close < 0) throw new Error(`README line ${i + 1}: a mark without a code block`);
    const body = lines.slice(open + 1, close).join('\n');
    if (mark[1] === 'run') {
      steps.push({ line: open + 1, script: body });
    } else {
      const step = steps.at(-1);
      if (!step || step.expect) throw new Error(`README line ${i + 1}: an expect without a run`);
      step.expect = { json: JSON.parse(body), eventually: mark[1] !== 'expect', line: open + 1 };
    }
    i = close;
  }
  return steps;
}

/**
 * Whether `actual` holds everything `expected` shows: objects may have more fields than the README
 * prints, arrays must have the same length and match element by element, everything else is equal.
 */
export function holds(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => holds(actual[i], e))
    );
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    return Object.entries(expected).every(([k, v]) => k in a && holds(a[k], v));
  }
  return Object.is(actual, expected);
}

/** The last JSON document a block printed (one per line, as the README's `api` prints them). */
export function lastAnswer(stdout: string): unknown {
  const lines = stdout.trim().split('\n').filter(Boolean);
  return JSON.parse(lines.at(-1) ?? 'null');
}
