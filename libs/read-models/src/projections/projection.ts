import { RecordedEvent } from '@fresh/event-store';
import { ReadOp } from '../read-store.port';

/** Turns one recorded event into changes of read-model documents; pure, so it can be replayed. */
export interface Projection {
  readonly name: string;
  project(event: RecordedEvent): ReadOp[];
}

/** At most one op per document per event: the document's `_pos` guard counts events, not ops. */
export const op = (
  collection: string,
  id: string,
  update: Record<string, unknown>,
  event: RecordedEvent,
): ReadOp => ({
  collection,
  id,
  update,
  position: event.position,
});
