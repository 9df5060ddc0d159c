import { NotaryStore, verifyLogAndTree } from '@fresh/notary';
import { openEventLog } from '@fresh/stores';
import { parentPort } from 'node:worker_threads';
import type { VerifyMessage, VerifyOrder } from './verify-runner';

const post = (message: VerifyMessage) => parentPort!.postMessage(message);

/**
 * A verify of the whole log in a worker thread, off the service's event loop: it opens the event
 * log (its own connection) and the notary's recorded leaves, walks the chains then the tree, and
 * posts its progress and its answer. The worker stays for the next verify (its modules loaded).
 */
async function run(order: VerifyOrder): Promise<void> {
  const events = await openEventLog(order.stores);
  try {
    let recorded: ReturnType<NotaryStore['recordedLeaves']> | undefined;
    if (order.notaryFile) {
      const notary = new NotaryStore(order.notaryFile);
      recorded = notary.recordedLeaves();
      notary.close();
    }
    const result = await verifyLogAndTree(events, {
      checkpoint: order.checkpoint,
      phases: order.phases,
      trustedKey: order.trustedKey,
      recordedLeaf: (i) => (recorded && i < recorded.length ? recorded.get(i) : undefined),
      onProgress: (progress) => post({ progress }),
    });
    post({ result });
  } finally {
    await events.close();
  }
}

parentPort!.on('message', (order: VerifyOrder) =>
  run(order).catch((error: Error) =>
    post({
      failure: {
        message: error.message,
        unavailable: error.name === 'StoreUnavailableError' || error.name === 'ConfigError',
      },
    }),
  ),
);
