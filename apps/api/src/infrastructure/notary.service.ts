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
  loadNotaryKey,
  Notary,
  NotaryConfigError,
  notaryConfigFromEnv,
  NotaryKey,
  NotaryStore,
} from '@fresh/notary';
import { join } from 'node:path';
import { AppConfig } from '../config';
import { ProblemException } from '../http/problem';
import { ExclusiveRole } from './exclusive-role';
import { InjectConfig } from './storage.module';

/**
 * Runs the notary in the process that follows the log (FRESH_PROJECTOR on): it keeps notary.db
 * in the data dir, whichever event store holds the log, and issues the checkpoints.
 */
@Injectable()
export class NotaryService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('notary');
  private notary?: Notary;
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
    if (key) this.logger.log(`checkpoints are signed with notary key ${key.keyId}`);
    else
      this.logger.warn(
        'checkpoints are unsigned: set FRESH_NOTARY_KEY to a key made by `fresh audit keygen`, kept outside the data dir',
      );
    this.role = new ExclusiveRole(this.leases, 'notary', {
      start: () => {
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

  /** The running notary, or 503 NOTARY_UNAVAILABLE in a process that does not follow the log. */
  get running(): Notary {
    if (this.role && !this.notary) {
      throw new ProblemException(
        503,
        'NOTARY_UNAVAILABLE',
        'another process on this data dir keeps the notary: ask it, or wait for this one to take over',
      );
    }
    if (this.notary?.failure) {
      throw new ProblemException(
        503,
        'NOTARY_UNAVAILABLE',
        `the notary stopped: ${this.notary.failure.message}`,
      );
    }
    if (!this.notary) {
      throw new ProblemException(
        503,
        'NOTARY_UNAVAILABLE',
        'this process does not keep the notary (FRESH_PROJECTOR=off): ask the one that does',
      );
    }
    return this.notary;
  }

  /** Waits, at most `ms`, for the notary to reach a log position; whether it did. */
  async reached(position: bigint, ms = 2_000): Promise<boolean> {
    const notary = this.running;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>(
      (resolve) => (timer = setTimeout(() => resolve(false), ms)),
    );
    try {
      return await Promise.race([notary.waitFor(position).then(() => true), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
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
