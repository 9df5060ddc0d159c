import type { EventStore, RecordedEvent } from '@fresh/event-store';
import { Checkpoint, issueCheckpoint, NotaryKey } from './checkpoint';
import { treeHead } from './merkle';
import { MerkleTree } from './merkle-tree';
import { consistencyOf, eventOfLeaf, inclusionOf, NotaryAnswers, rootOf } from './notary-answers';
import { NotaryStore } from './notary-store';

/**
 * The notary as another process keeps it, read from its notary.db and never written: the leaves
 * the keeper recorded (in log order) and the checkpoints it issued. It holds the same Merkle tree
 * in memory, so it answers the same checkpoint and the same proofs for a tree size as the keeper.
 *
 * `refresh()` before answering: one PRAGMA data_version when the keeper has written nothing since
 * the last look; else only the leaves added since, and the latest checkpoint. It writes nothing:
 * its `latest()` is the latest checkpoint the keeper issued when that covers the leaves the view
 * holds, else one of those leaves signed now with the same key and kept nowhere (a checkpoint is
 * the root of the tree at a size: the keeper's tree at that size has the same root).
 */
export class NotaryView implements NotaryAnswers {
  private tree = new MerkleTree();
  private followed: bigint | undefined;
  private issued: Checkpoint | undefined;
  private version: number | undefined;
  /** The log as written (personal fields sealed), as the keeper reads it. */
  private readonly events: EventStore;

  /** Throws if the file cannot be read (none yet: the keeper has not started). */
  constructor(
    events: EventStore,
    private readonly store: NotaryStore,
    private readonly key: NotaryKey | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.events = events.stored;
    this.refresh();
  }

  /** Opens the keeper's notary.db read only (it must exist) and loads its leaves. */
  static open(events: EventStore, file: string, key: NotaryKey | undefined): NotaryView {
    const store = new NotaryStore(file, { readOnly: true });
    try {
      return new NotaryView(events, store, key);
    } catch (error) {
      store.close();
      throw error;
    }
  }

  get size(): number {
    return this.tree.size;
  }

  get position(): bigint | undefined {
    return this.followed;
  }

  /** Catches up with what the keeper has written since the last call. */
  refresh(): void {
    const version = this.store.dataVersion();
    if (version === this.version) return;
    this.store.snapshot(() => {
      const kept = this.store.leafCount();
      const last = this.tree.size - 1;
      // Fewer leaves, or another last leaf: not the file this view followed (restored): anew.
      if (
        kept < this.tree.size ||
        (last >= 0 && !this.store.leafHash(last)?.equals(this.tree.leaf(last)))
      ) {
        this.tree = new MerkleTree();
        this.followed = undefined;
      }
      const before = this.tree.size;
      for (const hash of this.store.leafHashesFrom(before)) this.tree.append(hash);
      if (this.tree.size > before) this.followed = this.store.lastPosition();
      // Read in the same transaction as the leaves: the keeper records a checkpoint's leaves first.
      this.issued = this.store.latestCheckpoint();
    });
    this.version = version;
  }

  get publicKey(): string | null {
    return this.key?.publicKey ?? null;
  }

  latest(): Checkpoint | undefined {
    if (this.tree.size === 0 || this.issued?.treeSize === this.tree.size) return this.issued;
    return issueCheckpoint(this.tree.size, treeHead(this.tree), this.now(), this.key);
  }

  leafIndexAt(position: bigint): number | undefined {
    const index = this.store.leafIndexAt(position);
    return index !== undefined && index < this.tree.size ? index : undefined;
  }

  eventAt(leafIndex: number): Promise<RecordedEvent | undefined> {
    return eventOfLeaf(this.store, this.events, leafIndex);
  }

  inclusion(leafIndex: number, treeSize = this.tree.size) {
    return inclusionOf(this.tree, leafIndex, treeSize);
  }

  root(size = this.tree.size): string {
    return rootOf(this.tree, size);
  }

  consistency(from: number, to: number) {
    return consistencyOf(this.tree, from, to);
  }

  close(): void {
    this.store.close();
  }
}
