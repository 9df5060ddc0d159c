// Builds the console into dist/console unless it is already newer than every source file.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const built = join(here, '..', '..', 'dist', 'console', 'index.html');

const newest = (dir) =>
  Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? newest(path) : statSync(path).mtimeMs;
    }),
  );

const lockfile = statSync(join(here, '..', '..', 'package-lock.json')).mtimeMs;
if (existsSync(built) && statSync(built).mtimeMs > Math.max(newest(here), lockfile))
  process.exit(0);
const { build } = await import('vite');
await build({ configFile: join(here, 'vite.config.mts') });
