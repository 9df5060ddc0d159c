import { SqliteEventData } from '@fresh/event-store';
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateScenario, UnknownExperimentError, WhatIfGranularity } from './evaluate';
import { Scenario, ScenarioError } from './scenario';
import { WHAT_IF_EVENT_TYPES, WhatIfRecord } from './what-if-record';

/** A scenario asked of the worker. */
export interface WhatIfQuestion {
  id: number;
  experimentId: string;
  scenario: Scenario;
  granularity: WhatIfGranularity;
}

/** Why a scenario was not answered, as plain data (errors do not cross threads as themselves). */
export type WhatIfFailure =
  | { kind: 'unknown-experiment'; experimentId: string }
  | { kind: 'scenario'; field: string; message: string }
  | { kind: 'other'; message: string };

const failureOf = (error: unknown): WhatIfFailure =>
  error instanceof UnknownExperimentError
    ? { kind: 'unknown-experiment', experimentId: error.experimentId }
    : error instanceof ScenarioError
      ? { kind: 'scenario', field: error.field, message: error.message }
      : { kind: 'other', message: error instanceof Error ? error.message : String(error) };

/**
 * The what-if worker thread: it owns the record (its memory and its garbage collection stay off
 * the API's thread), reads the log file itself — only the event types a scenario needs, their data
 * only — and answers one scenario at a time, first bringing the record up to the log's head.
 */
function serve(file: string): void {
  const log = new SqliteEventData(file);
  const record = new WhatIfRecord();
  /** Brings the record up to the log's head, telling the asker its progress now and then. */
  const catchUp = (id: number) => {
    const head = log.headPosition();
    const from = record.position === undefined ? 0 : Number(record.position);
    if (head === undefined || from >= head) return;
    let read = 0;
    for (const [position, type, data] of log.rowsAfter(from, WHAT_IF_EVENT_TYPES, head)) {
      record.apply({ type, data: JSON.parse(data) });
      if (++read % 50_000 === 0) parentPort!.postMessage({ id, progress: Number(position) / head });
    }
    record.position = BigInt(head);
  };
  let queue: Promise<unknown> = Promise.resolve();
  parentPort!.on('message', (question: WhatIfQuestion) => {
    queue = queue.then(async () => {
      try {
        catchUp(question.id);
        const result = await evaluateScenario(record, question.experimentId, question.scenario, {
          granularity: question.granularity,
        });
        parentPort!.postMessage({ id: question.id, result });
      } catch (error) {
        parentPort!.postMessage({ id: question.id, failure: failureOf(error) });
      }
    });
  });
}

if (parentPort) serve((workerData as { file: string }).file);
