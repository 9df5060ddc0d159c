import { EventStore } from '@fresh/event-store';
import { evaluateScenario, WhatIfOptions, WhatIfResult } from './evaluate';
import { readWhatIfRecord, WhatIfProgress, yieldToEventLoop } from './read-record';
import { Scenario } from './scenario';

/**
 * A scenario asked of the log: reads what it needs, evaluates, records nothing. The CLI and the
 * HTTP route both call this. Between pages and slices of sales it yields to the event loop.
 */
export async function whatIf(
  store: EventStore,
  experimentId: string,
  scenario: Scenario,
  options: Omit<WhatIfOptions, 'pause'>,
  onProgress?: WhatIfProgress,
): Promise<WhatIfResult> {
  const record = await readWhatIfRecord(store, onProgress);
  return evaluateScenario(record, experimentId, scenario, { ...options, pause: yieldToEventLoop });
}
