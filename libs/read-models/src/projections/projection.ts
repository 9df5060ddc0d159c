import { DomainEvent, EventType } from '@fresh/domain';
import { RecordedEvent } from '@fresh/event-store';
import { ReadOp } from '../read-store.port';
import { compileWrites, CompiledWrites, Writes } from './writes';

/** A recorded event of one type, its data typed. */
export type Recorded<T extends EventType> = RecordedEvent & Extract<DomainEvent, { type: T }>;

/**
 * Turns recorded events into changes of read-model documents, one pure handler per event type it
 * cares about; events of other types never reach it (a replay does not even read them). It
 * declares what it writes (`writes`): the operators and path shapes are checked when it is
 * defined, and every update it emits must keep to them. One event changes a document at most once.
 */
export interface Projection {
  readonly name: string;
  readonly writes: Writes;
  readonly on: { readonly [T in EventType]?: (event: Recorded<T>) => ReadOp[] };
}

const compiledWrites = new WeakMap<Projection, CompiledWrites>();

/** A projection's declared writes, checked (ProjectionDefinitionError when refused) and compiled once. */
export function writesOf(projection: Projection): CompiledWrites {
  let compiled = compiledWrites.get(projection);
  if (!compiled) {
    compiled = compileWrites(projection.name, projection.writes);
    compiledWrites.set(projection, compiled);
  }
  return compiled;
}

/** A projection, refused here (ProjectionDefinitionError) if what it declares to write is not supported. */
export function defineProjection(projection: Projection): Projection {
  writesOf(projection);
  return projection;
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
