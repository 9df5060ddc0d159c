import { EventStore } from '@fresh/event-store';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  evaluateScenario,
  UnknownExperimentError,
  WhatIfGranularity,
  WhatIfResult,
} from './evaluate';
import { catchUp, yieldToEventLoop } from './read-record';
import { Scenario, ScenarioError } from './scenario';
import { WhatIfRecord } from './what-if-record';
import type { WhatIfFailure } from './what-if-worker';

/** Whoever answers scenarios for a long-running process. */
export interface WhatIfAsker {
  ask(
    experimentId: string,
    scenario: Scenario,
    granularity: WhatIfGranularity,
    onProgress?: (share: number) => void,
  ): Promise<WhatIfResult>;
  close(): Promise<void>;
}

/** The worker's script as compiled beside this file (absent when run from the TypeScript sources). */
export const WHAT_IF_WORKER_SCRIPT = join(__dirname, 'what-if-worker.js');

const errorOf = (failure: WhatIfFailure): Error =>
  failure.kind === 'unknown-experiment'
    ? new UnknownExperimentError(failure.experimentId)
    : failure.kind === 'scenario'
      ? new ScenarioError(failure.field, failure.message)
      : new Error(`what-if failed: ${failure.message}`);

/**
 * Scenarios answered by a worker thread that reads the SQLite log file itself and keeps the record:
 * the asking thread only sends the question and receives the answer. The worker starts with the
 * first question and stays; if it ends, the questions it held fail and the next one starts another.
 */
export class WhatIfThread implements WhatIfAsker {
  private worker?: Worker;
  private readonly pending = new Map<
    number,
    {
      resolve: (result: WhatIfResult) => void;
      reject: (error: Error) => void;
      onProgress?: (share: number) => void;
    }
  >();
  private lastId = 0;

  constructor(
    private readonly logFile: string,
    private readonly script = WHAT_IF_WORKER_SCRIPT,
  ) {}

  ask(
    experimentId: string,
    scenario: Scenario,
    granularity: WhatIfGranularity,
    onProgress?: (share: number) => void,
  ): Promise<WhatIfResult> {
    const worker = this.worker ?? this.start();
    const id = ++this.lastId;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ id, experimentId, scenario, granularity });
    });
  }

  private start(): Worker {
    const worker = new Worker(this.script, { workerData: { file: this.logFile } });
    worker.on(
      'message',
      (answer: {
        id: number;
        progress?: number;
        result?: WhatIfResult;
        failure?: WhatIfFailure;
      }) => {
        const waiting = this.pending.get(answer.id);
        if (answer.progress !== undefined) return waiting?.onProgress?.(answer.progress);
        this.pending.delete(answer.id);
        if (answer.failure) waiting?.reject(errorOf(answer.failure));
        else waiting?.resolve(answer.result!);
      },
    );
    const ended = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on('error', ended);
    worker.on('exit', (code) => ended(new Error(`the what-if worker ended (exit code ${code})`)));
    return (this.worker = worker);
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

/**
 * Scenarios answered on the asking thread, from the event store (any kind): the record is brought up
 * to the head before each, reading and evaluating yield to the event loop, one scenario at a time.
 */
export class WhatIfInThread implements WhatIfAsker {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly record = new WhatIfRecord();

  constructor(private readonly events: EventStore) {}

  ask(
    experimentId: string,
    scenario: Scenario,
    granularity: WhatIfGranularity,
    onProgress?: (share: number) => void,
  ): Promise<WhatIfResult> {
    const run = async () => {
      await catchUp(this.events, this.record, (position, head) =>
        onProgress?.(head > 0 ? position / head : 1),
      );
      return evaluateScenario(this.record, experimentId, scenario, {
        granularity,
        pause: yieldToEventLoop,
      });
    };
    const turn = this.queue.then(run, run);
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  async close(): Promise<void> {}
}

/** A worker over the SQLite log file when there is one and the worker is built; else this thread. */
export const whatIfAsker = (events: EventStore, sqliteFile: string | undefined): WhatIfAsker =>
  sqliteFile !== undefined && existsSync(WHAT_IF_WORKER_SCRIPT)
    ? new WhatIfThread(sqliteFile)
    : new WhatIfInThread(events);
