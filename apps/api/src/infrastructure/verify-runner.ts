import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@fresh/event-store';
import type {
  Checkpoint,
  LogAndTreeVerification,
  VerifyPhase,
  VerifyProgress,
} from '@fresh/notary';
import type { StoreConfig } from '@fresh/stores';
import { DATA_FILES } from '@fresh/stores';
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
 * that answers /health and the rest. At most MAX_VERIFIES at once (429 VERIFY_BUSY beyond). A
 * worker that finished waits for the next verify (starting one costs a second here: its modules).
 */
@Injectable()
export class VerifyRunner implements OnApplicationShutdown {
  private running = 0;
  private readonly idle: Worker[] = [];
  private readonly all = new Set<Worker>();

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
    const head = ((await this.events.stored.headPosition()) ?? 0n).toString();
    if (this.running >= MAX_VERIFIES) {
      throw new ProblemException(
        429,
        'VERIFY_BUSY',
        `${MAX_VERIFIES} verifies of the whole log are running: try again when one has finished`,
      );
    }
    const { withNotaryLeaves, ...asked } = order;
    const verifyOrder: VerifyOrder = {
      ...asked,
      stores: this.config.stores,
      ...(withNotaryLeaves && { notaryFile: join(this.config.stores.dataDir, DATA_FILES.notary) }),
    };
    const worker = this.idle.pop() ?? this.newWorker();
    worker.ref();
    this.running++;
    let settled = false;
    const result = new Promise<LogAndTreeVerification>((resolve, reject) => {
      const done = (idle: boolean) => {
        settled = true;
        this.running--;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (idle) {
          worker.unref();
          this.idle.push(worker);
        }
      };
      const onMessage = (message: VerifyMessage) => {
        if ('progress' in message) {
          const fraction = Number(message.progress.position) / Math.max(1, Number(head));
          onProgress?.({
            ...message.progress,
            headPosition: head,
            fraction: Math.min(1, fraction),
          });
        } else if ('result' in message) {
          done(true);
          resolve(message.result);
        } else {
          done(true);
          reject(
            message.failure.unavailable
              ? new ProblemException(503, 'STORE_UNAVAILABLE', message.failure.message)
              : new Error(message.failure.message),
          );
        }
      };
      const onError = (error: Error) => {
        done(false);
        reject(error);
      };
      const onExit = () => {
        done(false);
        reject(new Error('the verify stopped before it finished'));
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
    });
    worker.postMessage(verifyOrder);
    // A verify nobody waits for any more is stopped by cancel(); its rejection is nobody's.
    result.catch(() => undefined);
    return { result, cancel: () => void (settled || worker.terminate()) };
  }

  private newWorker(): Worker {
    const worker = new Worker(WORKER);
    this.all.add(worker);
    worker.once('exit', () => {
      this.all.delete(worker);
      const at = this.idle.indexOf(worker);
      if (at >= 0) this.idle.splice(at, 1);
    });
    return worker;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.all].map((w) => w.terminate()));
  }
}
