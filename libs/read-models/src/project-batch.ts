import { EventType } from '@fresh/domain';
import { RecordedEvent } from '@fresh/event-store';
import { Projection, Recorded } from './projections/projection';
import { ReadOp } from './read-store.port';

export interface ProjectionFailure {
  projection: string;
  event: { position: string; streamId: string; revision: number; type: string };
  error: string;
}

type Handler = (event: Recorded<EventType>) => ReadOp[];

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
    const before = ops.length;
    for (const projection of projections) {
      if (!Object.hasOwn(projection.on, event.type)) continue;
      const handler = projection.on[event.type as EventType] as Handler;
      try {
        for (const change of handler(event as Recorded<EventType>)) ops.push(change);
      } catch (error) {
        ops.length = before;
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
    last = event.position;
  }
  return { ops, last };
}
