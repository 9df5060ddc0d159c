import cluster from 'node:cluster';

/** What a worker tells its primary over the cluster's IPC channel. */
export type WorkerMessage =
  | { fresh: 'listening'; url: string; stores: string }
  | { fresh: 'stopped'; position: string }
  | { fresh: 'failed'; message: string };

export const isWorkerMessage = (message: unknown): message is WorkerMessage =>
  typeof message === 'object' && message !== null && 'fresh' in message;

/** In a cluster worker: sends `message` to the primary, resolved once written (at once, alone). */
export function tellPrimary(message: WorkerMessage): Promise<void> {
  if (!cluster.isWorker || !process.send || !process.connected) return Promise.resolve();
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}

/** This process's place in the cluster, as /health shows it: id 0 when it runs alone. */
export const thisWorker = () => ({ id: cluster.worker?.id ?? 0, pid: process.pid });
