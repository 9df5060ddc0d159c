/**
 * The stand-in's transaction log: what Append and BatchAppend commit and what Read serves.
 *
 * As on a real server, the events of one append share a commit position (the log position of the
 * append's first record) and each has its own prepare position; $all is ordered by (commit,
 * prepare). Appends are idempotent as the EventStoreDB documentation describes: the same event
 * ids appended again with the same expected revision succeed without writing anything, answering
 * the revision and position of the first write (with `any`, when the ids are the stream's events
 * from the first one's revision on); ids that match only in part are a wrong expected version.
 */
export interface StoredEvent {
  streamName: string;
  revision: bigint;
  commit: bigint;
  prepare: bigint;
  id: string;
  type: string;
  contentType: string;
  customMetadata: Uint8Array;
  data: Uint8Array;
  created: bigint;
}

export type Proposed = Pick<StoredEvent, 'id' | 'type' | 'contentType' | 'customMetadata' | 'data'>;

export type ExpectedState =
  | { kind: 'any' }
  | { kind: 'no_stream' }
  | { kind: 'exists' }
  | { kind: 'revision'; revision: bigint };

export type CommitResult =
  | { kind: 'success'; events: StoredEvent[]; current: bigint | undefined }
  | { kind: 'wrong-expected-version'; current: bigint | undefined }
  | { kind: 'too-large'; maxAppendSize: number };

/** EventStoreDB's default MaxAppendSize: 1 MiB over the events' data, metadata and types. */
export const MAX_APPEND_SIZE = 1_048_576;

/** Whether position a comes after position b in $all. */
export const after = (
  a: { commit: bigint; prepare: bigint },
  b: { commit: bigint; prepare: bigint },
) => a.commit > b.commit || (a.commit === b.commit && a.prepare > b.prepare);

export class StandInLog {
  readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<(event: StoredEvent) => void>();
  /** Log positions grow by each record's size, as in a real transaction file. */
  private nextPosition = 1_000n;

  stream(name: string): StoredEvent[] | undefined {
    return this.streams.get(name);
  }

  listen(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  forgetListeners(): void {
    this.listeners.clear();
  }

  commit(streamName: string, proposed: Proposed[], expected: ExpectedState): CommitResult {
    const size = proposed.reduce(
      (sum, e) => sum + e.data.length + e.customMetadata.length + Buffer.byteLength(e.type),
      0,
    );
    if (size > MAX_APPEND_SIZE) return { kind: 'too-large', maxAppendSize: MAX_APPEND_SIZE };
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length ? BigInt(stream.length - 1) : undefined;
    const already = this.alreadyWritten(stream, proposed, expected);
    if (already) return { kind: 'success', events: already, current: already.at(-1)?.revision };
    const expectedCurrent =
      expected.kind === 'revision'
        ? expected.revision
        : expected.kind === 'no_stream'
          ? undefined
          : current;
    if (expectedCurrent !== current || (expected.kind === 'exists' && current === undefined)) {
      return { kind: 'wrong-expected-version', current };
    }
    return { kind: 'success', events: this.write(streamName, stream, proposed), current };
  }

  /** The events of an earlier append with the same ids at the same expected revision, if any. */
  private alreadyWritten(
    stream: StoredEvent[],
    proposed: Proposed[],
    expected: ExpectedState,
  ): StoredEvent[] | undefined {
    if (proposed.length === 0) return undefined;
    const from =
      expected.kind === 'revision'
        ? Number(expected.revision) + 1
        : expected.kind === 'no_stream'
          ? 0
          : stream.findIndex((e) => e.id === proposed[0].id);
    if (from < 0 || from + proposed.length > stream.length) return undefined;
    const candidates = stream.slice(from, from + proposed.length);
    return candidates.every((e, i) => e.id === proposed[i].id) ? candidates : undefined;
  }

  write(streamName: string, stream: StoredEvent[], proposed: Proposed[]): StoredEvent[] {
    const commit = this.nextPosition;
    const created = BigInt(Date.now()) * 10_000n;
    const written = proposed.map((e) => {
      const event: StoredEvent = {
        ...e,
        streamName,
        revision: BigInt(stream.length),
        commit,
        prepare: this.nextPosition,
        created,
      };
      this.nextPosition += BigInt(100 + e.data.length + e.customMetadata.length);
      stream.push(event);
      this.all.push(event);
      return event;
    });
    this.streams.set(streamName, stream);
    written.forEach((event) => this.listeners.forEach((listener) => listener(event)));
    return written;
  }
}
