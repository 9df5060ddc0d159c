import {
  EventStore,
  RecordedEvent,
  StoredEvent,
  storedForm,
  Subscription,
  yieldToEventLoop,
} from '@fresh/event-store';
import { Checkpoint, issueCheckpoint, NotaryKey } from './checkpoint';
import { storedLeafHash } from './leaf';
import { treeHead } from './merkle';
import { MerkleTree } from './merkle-tree';
import { consistencyOf, eventOfLeaf, inclusionOf, NotaryAnswers, rootOf } from './notary-answers';
import { NotaryStore } from './notary-store';

export interface NotaryOptions {
  /** Signs checkpoints; without it they are issued unsigned (and /health says so). */
  key?: NotaryKey;
  /** A checkpoint every this many new events (0: never by count). */
  everyEvents: number;
  /** A checkpoint every this many milliseconds when the log grew (0: never by time). */
  everyMs: number;
  now?: () => Date;
  onError?: (error: Error) => void;
}

/** Events read at a time while catching up: a few milliseconds of hashing between two turns of the event loop. */
const CATCH_UP_BATCH = 2_000;

/**
 * Follows the log like a projection (a catch-up subscription from its own last position), adds
 * one leaf per event to an RFC 9162 Merkle tree, keeps the leaves in notary.db, issues
 * checkpoints and answers proofs. The command path never waits for it.
 */
export class Notary implements NotaryAnswers {
  private tree = new MerkleTree();
  private subscription?: Subscription;
  private following?: Promise<void>;
  private stopped = false;
  private timer?: NodeJS.Timeout;
  private issuedSize = -1;
  private waiters: { position: bigint; resolve: () => void }[] = [];
  private followed: bigint | undefined;
  private readonly now: () => Date;
  /** Why the notary stopped following the log, if it did. */
  failure?: Error;

  /** The log as written (personal fields sealed), which the leaves cover: an erasure changes no leaf. */
  private readonly events: EventStore;

  constructor(
    events: EventStore,
    private readonly store: NotaryStore,
    private readonly options: NotaryOptions,
  ) {
    this.events = events.stored;
    this.now = options.now ?? (() => new Date());
  }

  get signed(): boolean {
    return this.options.key !== undefined;
  }

  get keyId(): string | null {
    return this.options.key?.keyId ?? null;
  }

  /** The notary's public key (SPKI DER base64), null when unsigned. */
  get publicKey(): string | null {
    return this.options.key?.publicKey ?? null;
  }

  get size(): number {
    return this.tree.size;
  }

  /** The log position of the last event in the tree. */
  get position(): bigint | undefined {
    return this.followed;
  }

  start(): void {
    const { tree, position } = this.store.loadTree();
    this.tree = tree;
    this.followed = position;
    this.issuedSize = this.store.latestCheckpoint()?.treeSize ?? -1;
    const failed = (error: Error) => {
      this.failure = error;
      this.options.onError?.(error);
    };
    this.following = this.follow(position).catch(failed);
    if (this.options.everyMs > 0) {
      this.timer = setInterval(() => {
        if (this.tree.size !== this.issuedSize) this.tryCheckpoint();
      }, this.options.everyMs);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.subscription?.stop();
    await this.following;
    this.store.close();
  }

  /**
   * Catches up from the stored texts (no parse, no stringify: a million events in seconds), then
   * follows new events through a catch-up subscription from where it got to.
   */
  private async follow(after: bigint | undefined): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const batch = await this.events.readStoredLog({ after, maxCount: CATCH_UP_BATCH });
      if (batch.length === 0) break;
      this.add(batch);
      after = this.followed;
      await yieldToEventLoop();
    }
    if (this.stopped) return;
    this.subscription = this.events.subscribeToAll({ after, batchSize: CATCH_UP_BATCH }, (batch) =>
      this.add(batch.map(storedForm)),
    );
    await this.subscription.done;
  }

  /** Resolves once the tree holds the event at `position` (or a later one). */
  waitFor(position: bigint): Promise<void> {
    if (this.followed !== undefined && this.followed >= position) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ position, resolve }));
  }

  private add(batch: StoredEvent[]): void {
    const first = this.tree.size;
    const rows = batch.map((event, i) => ({
      index: first + i,
      position: event.position,
      streamId: event.streamId,
      revision: event.revision,
      hash: storedLeafHash(event),
    }));
    this.store.appendLeaves(rows);
    for (const row of rows) this.tree.append(row.hash);
    this.followed = batch[batch.length - 1].position;
    const every = this.options.everyEvents;
    if (every > 0 && Math.floor(this.tree.size / every) > Math.floor(first / every))
      this.tryCheckpoint();
    const ready = this.waiters.filter((w) => w.position <= this.followed!);
    this.waiters = this.waiters.filter((w) => w.position > this.followed!);
    for (const w of ready) w.resolve();
  }

  private tryCheckpoint(): void {
    try {
      this.checkpoint();
    } catch (error) {
      this.options.onError?.(error as Error);
    }
  }

  /** Issues (and keeps) a checkpoint of the tree as it is now. */
  checkpoint(): Checkpoint {
    const c = issueCheckpoint(this.tree.size, treeHead(this.tree), this.now(), this.options.key);
    this.store.recordCheckpoint(c);
    this.issuedSize = c.treeSize;
    return c;
  }

  /** The latest checkpoint, issued now if the tree has grown since the last one. */
  latest(): Checkpoint {
    const last = this.store.latestCheckpoint();
    return last && last.treeSize === this.tree.size ? last : this.checkpoint();
  }

  leafIndexAt(position: bigint): number | undefined {
    return this.store.leafIndexAt(position);
  }

  /** The event a leaf stands for, read from the log. */
  eventAt(leafIndex: number): Promise<RecordedEvent | undefined> {
    return eventOfLeaf(this.store, this.events, leafIndex);
  }

  inclusion(leafIndex: number, treeSize = this.tree.size) {
    return inclusionOf(this.tree, leafIndex, treeSize);
  }

  /** The root hash (hex) of the tree of the first `size` leaves. */
  root(size = this.tree.size): string {
    return rootOf(this.tree, size);
  }

  consistency(from: number, to: number) {
    return consistencyOf(this.tree, from, to);
  }
}
