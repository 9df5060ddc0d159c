import { DomainEvent, EventType } from '@fresh/domain';
import { RecordedEvent } from '@fresh/event-store';
import { ReadOp } from '../read-store.port';

/** A recorded event of one type, its data typed. */
export type Recorded<T extends EventType> = RecordedEvent & Extract<DomainEvent, { type: T }>;

/**
 * Turns recorded events into changes of read-model documents, one pure handler per event type it
 * cares about; events of other types never reach it (a replay does not even read them).
 */
export interface Projection {
  readonly name: string;
  readonly on: { readonly [T in EventType]?: (event: Recorded<T>) => ReadOp[] };
}

/** The event types any of the projections handles. */
export const eventTypesOf = (projections: readonly Projection[]): EventType[] => [
  ...new Set(projections.flatMap((p) => Object.keys(p.on) as EventType[])),
];

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
