import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Leases, ServiceDatabase } from '../src';

describe('a lease on a role, in service.db', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'fresh-leases-'));

  it('is held by one process at a time, renewed by its holder, and taken over once it lapses', () => {
    const dir = dataDir();
    const a = new Leases(new ServiceDatabase(dir));
    const b = new Leases(new ServiceDatabase(dir)); // another process on the same data dir
    expect(a.hold('notary', 'A', 1_000, 10_000)).toBe(true);
    expect(b.hold('notary', 'B', 2_000, 10_000)).toBe(false);
    expect(a.hold('notary', 'A', 9_000, 10_000)).toBe(true); // renewed until 19 000
    expect(b.hold('notary', 'B', 15_000, 10_000)).toBe(false);
    expect(b.hold('notary', 'B', 19_001, 10_000)).toBe(true); // A stopped renewing
    expect(a.hold('notary', 'A', 20_000, 10_000)).toBe(false);
    expect(a.hold('audit-index', 'A', 20_000, 10_000)).toBe(true); // another role, its own lease
  });

  it('is free at once when its holder releases it', () => {
    const dir = dataDir();
    const a = new Leases(new ServiceDatabase(dir));
    const b = new Leases(new ServiceDatabase(dir));
    expect(a.hold('notary', 'A', 1_000, 10_000)).toBe(true);
    b.release('notary', 'B'); // not B's to release
    expect(b.hold('notary', 'B', 2_000, 10_000)).toBe(false);
    a.release('notary', 'A');
    expect(b.hold('notary', 'B', 2_000, 10_000)).toBe(true);
  });
});
