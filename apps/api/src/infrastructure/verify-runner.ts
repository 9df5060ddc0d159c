import { Injectable } from '@nestjs/common';
import { EventStore } from '@fresh/event-store';
import type {
  Checkpoint,
  LogAndTreeVerification,
  VerifyPhase,
  VerifyProgress,
} from '@fresh/notary';
import type { StoreConfig } from '@fresh/stores';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppConfig } from '../config';
import { ProblemException } from '../http/problem';
import { InjectConfig } from './storage.module';

/** What a verify worker is asked (structured-cloned into it). */
export interface VerifyOrder {
  stores: StoreConfig;
  checkpoint?: Checkpoint;
  trustedKey?: string;
  phases: VerifyPhase[];
  /** notary.db, to name the first leaf that differs; absent: the tree is still checked. */
  notaryFile?: string;
}

export type VerifyMessage =
  | { progress: VerifyProgress }
  | { result: LogAndTreeVerification }
  | { failure: { message: string; unavailable: boolean } };

/** A verify's progress as the service reports it: its phase, and how far into the log. */
export interface VerifyProgressReport extends VerifyProgress {
  /** The head position when the verify began: `position / headPosition` is how far it got. */
  headPosition: string;
  /** 0..1 through the current phase. */
  fraction: number;
}

export interface RunningVerify {
  result: Promise<LogAndTreeVerification>;
  /** Stops the worker (the caller went away); the result then rejects. */
  cancel(): void;
}

/**
 * The worker's compiled entry: beside this file in dist/; from dist/ too when this file runs as
 * TypeScript (the end-to-end tests, whose global setup builds dist/ first).
 */
const WORKER = __filename.endsWith('.ts')
  ? join(__dirname, '../../../../dist/apps/api/src/infrastructure/verify-worker.js')
  : join(__dirname, 'verify-worker.js');

/** Verifies at the same time, at most: each walks the whole log in a thread of its own. */
export const MAX_VERIFIES = 2;

/**
 * Runs every verify over HTTP in a worker thread: the chains then the tree, off the event loop
 * that answers /health and the rest. At most MAX_VERIFIES at once (429 VERIFY_BUSY beyond).
 */
@Injectable()
export class VerifyRunner {
  private running = 0;

  /** Verifies running now (their workers not yet exited). */
  get inProgress(): number {
    return this.running;
  }

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly events: EventStore,
  ) {}

  async run(
    order: Omit<VerifyOrder, 'stores' | 'notaryFile'> & { withNotaryLeaves: boolean },
    onProgress?: (progress: VerifyProgressReport) => void,
  ): Promise<RunningVerify> {
    if (this.running >= MAX_VERIFIES) {
      throw new ProblemException(
        429,
        'VERIFY_BUSY',
        `${MAX_VERIFIES} verifies of the whole log are running: try again when one has finished`,
      );
    }
    const head = ((await this.events.stored.headPosition()) ?? 0n).toString();
    const { withNotaryLeaves, ...asked } = order;
    const workerData: VerifyOrder = {
      ...asked,
      stores: this.config.stores,
      ...(withNotaryLeaves && { notaryFile: join(this.config.stores.dataDir, 'notary.db') }),
    };
    const worker = new Worker(WORKER, { workerData });
    this.running++;
    let settled = false;
    const result = new Promise<LogAndTreeVerification>((resolve, reject) => {
      worker.on('message', (message: VerifyMessage) => {
        if ('progress' in message) {
          const fraction = Number(message.progress.position) / Math.max(1, Number(head));
          onProgress?.({
            ...message.progress,
            headPosition: head,
            fraction: Math.min(1, fraction),
          });
        } else if ('result' in message) {
          settled = true;
          resolve(message.result);
        } else {
          settled = true;
          reject(
            message.failure.unavailable
              ? new ProblemException(503, 'STORE_UNAVAILABLE', message.failure.message)
              : new Error(message.failure.message),
          );
        }
      });
      worker.on('error', reject);
      worker.on('exit', () => {
        this.running--;
        if (!settled) reject(new Error('the verify stopped before it finished'));
      });
    });
    // A verify nobody waits for any more is stopped by cancel(); its rejection is nobody's.
    result.catch(() => undefined);
    return { result, cancel: () => void worker.terminate() };
  }
}
