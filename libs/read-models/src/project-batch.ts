import { RecordedEvent } from '@fresh/event-store';
import { Projection } from './projections/projection';
import { ReadOp } from './read-store.port';

export interface ProjectionFailure {
  projection: string;
  event: { position: string; streamId: string; revision: number; type: string };
  error: string;
}

/**
 * The read-model changes of a batch of events, in order. A projection that throws stops the batch
 * at that event: the changes of the events before it are returned with the failure.
 */
export function projectBatch(
  events: RecordedEvent[],
  projections: readonly Projection[],
): { ops: ReadOp[]; last?: bigint; failure?: ProjectionFailure } {
  const ops: ReadOp[] = [];
  let last: bigint | undefined;
  for (const event of events) {
    const eventOps: ReadOp[] = [];
    for (const projection of projections) {
      try {
        eventOps.push(...projection.project(event));
      } catch (error) {
        const { position, streamId, revision, type } = event;
        return {
          ops,
          last,
          failure: {
            projection: projection.name,
            event: { position: position.toString(), streamId, revision, type },
            error: error instanceof Error ? error.message : String(error),
          },
        };
      }
    }
    ops.push(...eventOps);
    last = event.position;
  }
  return { ops, last };
}
