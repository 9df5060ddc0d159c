import { EventType } from '@fresh/domain';
import { RecordedEvent } from '@fresh/event-store';
import { Projection, Recorded, writesOf } from './projections/projection';
import { undeclaredWrite } from './projections/writes';
import { ReadOp } from './read-store.port';

export interface ProjectionFailure {
  projection: string;
  event: { position: string; streamId: string; revision: number; type: string };
  error: string;
}

type Handler = (event: Recorded<EventType>) => ReadOp[];

/**
 * The read-model changes of a batch of events, in order. A projection that throws, writes what it
 * did not declare, or changes one document twice for one event (every store applies one change
 * per document per event: its `_pos` guard counts events) stops the batch at that event: the
 * changes of the events before it are returned with the failure. A projection whose declared
 * writes are not supported is refused before any event (ProjectionDefinitionError).
 */
export function projectBatch(
  events: RecordedEvent[],
  projections: readonly Projection[],
): { ops: ReadOp[]; origins: string[]; last?: bigint; failure?: ProjectionFailure } {
  const writes = projections.map(writesOf);
  const ops: ReadOp[] = [];
  /** The projection each op comes from. */
  const origins: string[] = [];
  let last: bigint | undefined;
  for (const event of events) {
    const before = ops.length;
    for (const [p, projection] of projections.entries()) {
      if (!Object.hasOwn(projection.on, event.type)) continue;
      const handler = projection.on[event.type as EventType] as Handler;
      try {
        for (const change of handler(event as Recorded<EventType>)) {
          const undeclared = undeclaredWrite(writes[p], change.update);
          if (undeclared) throw new Error(`${change.collection} ${change.id}: ${undeclared}`);
          if (change.position !== event.position)
            throw new Error(`${change.collection} ${change.id}: an op at another event's position`);
          for (let i = before; i < ops.length; i++)
            if (ops[i].collection === change.collection && ops[i].id === change.id)
              throw new Error(
                `${change.collection} ${change.id}: a second change of one document for one event`,
              );
          ops.push(change);
          origins.push(projection.name);
        }
      } catch (error) {
        ops.length = before;
        origins.length = before;
        return {
          ops,
          origins,
          last,
          failure: {
            projection: projection.name,
            event: describeEvent(event),
            error: error instanceof Error ? error.message : String(error),
          },
        };
      }
    }
    last = event.position;
  }
  return { ops, origins, last };
}

/** An event as a failure names it. */
export const describeEvent = ({ position, streamId, revision, type }: RecordedEvent) => ({
  position: position.toString(),
  streamId,
  revision,
  type,
});
