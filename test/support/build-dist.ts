import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * Jest's globalSetup: compiles apps/ and libs/ into dist/ once, before any suite starts, so the
 * suites that run the real `fresh` CLI, server or bench as processes all run the same build and
 * none rewrites dist/ while another executes it.
 */
export default function buildDist(): void {
  execFileSync('npm', ['run', 'build', '--silent'], {
    cwd: join(__dirname, '..', '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
