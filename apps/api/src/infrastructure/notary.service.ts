import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Leases } from '@fresh/access';
import { EventStore } from '@fresh/event-store';
import { DATA_FILES } from '@fresh/stores';
import {
  Checkpoint,
  loadNotaryKey,
  Notary,
  NotaryAnswers,
  NotaryConfigError,
  notaryConfigFromEnv,
  NotaryKey,
  NotaryStore,
  NotaryView,
} from '@fresh/notary';
import { join } from 'node:path';
import { AppConfig } from '../config';
import { ProblemException } from '../http/problem';
import { ExclusiveRole } from './exclusive-role';
import { InjectConfig } from './storage.module';

/**
 * Runs the notary in the process that follows the log (FRESH_PROJECTOR on): it keeps notary.db
 * in the data dir, whichever event store holds the log, and issues the checkpoints. A process that
 * stands by (another worker holds the lease) answers the same checkpoints and proofs from that
 * file, read only (NotaryView): it writes nothing, and signs with the same key a checkpoint of
 * what the keeper recorded when the keeper's latest is behind that.
 */
@Injectable()
export class NotaryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('notary');
  private notary?: Notary;
  /** Standing by: the keeper's notary.db, read only; opened at the first question. */
  private view?: NotaryView;
  private key?: NotaryKey;
  /** One notary per data dir: other processes with the projector stand by. */
  private role?: ExclusiveRole;

  constructor(
    private readonly events: EventStore,
    private readonly leases: Leases,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.projector) return;
    const settings =
      this.config.notary ?? notaryConfigFromEnv(process.env, this.config.stores.dataDir);
    const key = settings.keyFile ? readKey(settings.keyFile) : undefined;
    this.key = key;
    this.role = new ExclusiveRole(this.leases, 'notary', {
      start: () => {
        // Said by the keeper only: once per service, not once per worker.
        if (key) this.logger.log(`checkpoints are signed with notary key ${key.keyId}`);
        else
          this.logger.warn(
            'checkpoints are unsigned: set FRESH_NOTARY_KEY to a key made by `fresh audit keygen`, kept outside the data dir',
          );
        this.closeView();
        this.notary = new Notary(
          this.events,
          new NotaryStore(join(this.config.stores.dataDir, DATA_FILES.notary)),
          {
            key,
            everyEvents: settings.everyEvents,
            everyMs: settings.everyMinutes * 60_000,
            onError: (error) => this.logger.error(`the notary stopped: ${error.message}`),
          },
        );
        this.notary.start();
      },
      stop: async () => {
        const notary = this.notary;
        this.notary = undefined;
        await notary?.stop();
      },
    });
    this.role.begin();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.role?.end();
    this.closeView();
  }

  private closeView(): void {
    this.view?.close();
    this.view = undefined;
  }

  status() {
    if (this.role && !this.notary) return { state: 'standby' as const, signed: false };
    if (!this.notary) return { state: 'off' as const, signed: false };
    return {
      state: this.notary.failure ? ('failed' as const) : ('running' as const),
      signed: this.notary.signed,
      keyId: this.notary.keyId,
      treeSize: this.notary.size,
      ...(this.notary.position !== undefined && { position: this.notary.position.toString() }),
    };
  }

  /** Whether this process keeps the notary (issues the checkpoints) now. */
  get keeping(): boolean {
    return this.notary !== undefined;
  }

  /**
   * What answers auditors in this process: the notary it keeps, or (standing by) the view of the
   * one another process keeps, caught up with its file; else 503 NOTARY_UNAVAILABLE.
   */
  get running(): NotaryAnswers {
    const answers = this.answers();
    if (answers instanceof ProblemException) throw answers;
    return answers;
  }

  /** The same, or undefined where this process cannot answer proofs (a trace then comes without). */
  get answering(): NotaryAnswers | undefined {
    const answers = this.answers();
    return answers instanceof ProblemException ? undefined : answers;
  }

  private answers(): NotaryAnswers | ProblemException {
    if (this.role && !this.notary) return this.standingBy();
    if (this.notary?.failure) {
      return new ProblemException(
        503,
        'NOTARY_UNAVAILABLE',
        `the notary stopped: ${this.notary.failure.message}`,
      );
    }
    if (!this.notary) {
      return new ProblemException(
        503,
        'NOTARY_UNAVAILABLE',
        'this process does not keep the notary (FRESH_PROJECTOR=off): ask the one that does',
      );
    }
    return this.notary;
  }

  /** Another process keeps the notary: its notary.db, read only, with what it added since the last look. */
  private standingBy(): NotaryView | ProblemException {
    try {
      if (this.view) this.view.refresh();
      else
        this.view = NotaryView.open(
          this.events,
          join(this.config.stores.dataDir, DATA_FILES.notary),
          this.key,
        );
      return this.view;
    } catch (error) {
      this.closeView();
      return new ProblemException(
        503,
        'NOTARY_UNAVAILABLE',
        `another process on this data dir keeps the notary, and its ${DATA_FILES.notary} cannot be read yet (${(error as Error).message}): ask again in a moment`,
      );
    }
  }

  /**
   * Waits, at most `ms`, for the notary to reach a log position; whether it did. Standing by, the
   * keeper's file is looked at again every 10 ms.
   */
  async reached(position: bigint, ms = 2_000): Promise<boolean> {
    const notary = this.running;
    if (notary instanceof NotaryView) {
      for (const until = Date.now() + ms; ;) {
        notary.refresh();
        if (notary.position !== undefined && notary.position >= position) return true;
        if (Date.now() >= until) return false;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>(
      (resolve) => (timer = setTimeout(() => resolve(false), ms)),
    );
    try {
      return await Promise.race([(notary as Notary).waitFor(position).then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The checkpoint to answer with: the keeper's latest (issued now if the tree has grown), or,
 * standing by, the keeper's latest or one of the tree it recorded (signed now, kept nowhere);
 * 503 NOTARY_UNAVAILABLE while there is none.
 */
export function latestCheckpoint(notary: NotaryAnswers): Checkpoint {
  const latest = notary.latest();
  if (!latest) {
    throw new ProblemException(
      503,
      'NOTARY_UNAVAILABLE',
      'the process that keeps the notary has issued no checkpoint yet (it issues one when asked, or by FRESH_CHECKPOINT_EVERY_EVENTS / FRESH_CHECKPOINT_EVERY_MINUTES): ask again',
    );
  }
  return latest;
}

function readKey(file: string): NotaryKey {
  try {
    return loadNotaryKey(file);
  } catch (error) {
    throw new NotaryConfigError(
      `FRESH_NOTARY_KEY: cannot read an Ed25519 private key from ${file} (${(error as Error).message})`,
    );
  }
}
