import { verifyLog } from '@fresh/event-store';
import { openStores } from './stores';
import { UsageError } from './usage-error';

/** `fresh audit verify`: walks the hash chains of the whole log; exit code 1 when broken. */
export async function auditCommand(
  args: string[],
  dataDir: string,
  out: (line: string) => void,
): Promise<number> {
  if (args[0] !== 'verify') throw new UsageError('audit takes: verify');
  const stores = await openStores(dataDir);
  try {
    const result = await verifyLog(stores.events);
    out(JSON.stringify(result));
    return result.intact ? 0 : 1;
  } finally {
    await stores.close();
  }
}
