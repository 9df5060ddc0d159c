import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Leases } from '@fresh/access';
import { EventStore } from '@fresh/event-store';
import {
  EmbeddedReadStore,
  Projector,
  PROJECTOR_CHECKPOINT,
  ProjectorStatus,
  ReadStore,
} from '@fresh/read-models';
import { AppConfig } from '../config';
import { ExclusiveRole } from './exclusive-role';
import { InjectConfig } from './storage.module';

/** How often a process that does not project reads the checkpoint to see the projector's progress. */
export const CHECKPOINT_POLL_MS = 10;
/** How often the live generation (and, standing by, the checkpoint) is read from the store. */
const WATCH_MS = 500;

/** What /health says of the projector: its own status, or standing by with the checkpoint seen. */
export type ProjectorServiceStatus =
  ProjectorStatus | { state: 'standby'; generation?: string; position?: string };

/**
 * Runs the projector on the live generation, in one process per data dir (a lease in service.db,
 * as for the notary: with FRESH_WORKERS > 1 the workers stand by, and one takes over within
 * LEASE_TTL_MS of the projecting one's end). When a replay (`fresh replay`, in any process)
 * switches the live generation, it follows: stops, moves to the new one, drops the old one.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('projector');
  private projector?: Projector;
  private generation?: string;
  private watch?: NodeJS.Timeout;
  private switching = Promise.resolve();
  private role?: ExclusiveRole;
  /** Standing by: the live generation and its checkpoint, as last read from the store. */
  private seen?: { generation: string; position?: string };

  constructor(
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    private readonly leases: Leases,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.projector) return;
    this.role = new ExclusiveRole(this.leases, 'projector', {
      start: () => this.lead(),
      stop: () => this.standDown(),
    });
    this.role.begin();
    await this.role.settled();
    await this.checkLive();
    this.watch = setInterval(() => void this.checkLive(), WATCH_MS);
    this.watch.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.watch);
    await this.switching;
    await this.role?.end();
  }

  status(): ProjectorServiceStatus {
    if (this.projector) return this.projector.current;
    if (this.role) return { state: 'standby', ...this.seen };
    return { state: 'stopped' };
  }

  /**
   * Resolves once the live read models include the event at `position`: told by the projector
   * in the process that runs it, read from the store's checkpoint everywhere else.
   */
  waitFor(position: bigint): Promise<void> {
    if (this.projector) return this.projector.waitFor(position);
    return new Promise((resolve) => {
      const poll = async () => {
        const live = await this.reads.liveGeneration().catch(() => undefined);
        const at = live
          ? await this.reads.checkpoint(live, PROJECTOR_CHECKPOINT).catch(() => undefined)
          : undefined;
        if (at !== undefined && at >= position) resolve();
        else setTimeout(() => void poll(), CHECKPOINT_POLL_MS);
      };
      void poll();
    });
  }

  /** This process took the lease: project from the stored checkpoint. */
  private async lead(): Promise<void> {
    await this.follow(await this.reads.liveGeneration());
  }

  /** The lease is lost (or given up on shutdown): stop at a checkpoint. */
  private async standDown(): Promise<void> {
    await this.switching;
    const projector = this.projector;
    this.projector = undefined;
    this.generation = undefined;
    await projector?.stop();
    const { generation, position } = projector?.current ?? {};
    if (generation) this.seen = { generation, position };
  }

  private checkLive(): Promise<void> {
    this.switching = this.switching.then(async () => {
      try {
        const live = await this.reads.liveGeneration();
        if (this.projector) {
          if (live !== this.generation) await this.follow(live);
          return;
        }
        const position = await this.reads.checkpoint(live, PROJECTOR_CHECKPOINT);
        this.seen = { generation: live, position: position?.toString() };
      } catch (error) {
        this.logger.warn(`cannot check the live generation: ${(error as Error).message}`);
      }
    });
    return this.switching;
  }

  private async follow(generation: string): Promise<void> {
    const previous = this.generation;
    await this.projector?.stop();
    this.generation = generation;
    this.projector = new Projector(this.events, this.reads, this.logger);
    await this.projector.start(generation);
    if (previous && previous !== generation) {
      this.logger.log(`live read models switched from ${previous} to ${generation}`);
      await this.reads.dropGeneration(previous);
      if (this.reads instanceof EmbeddedReadStore) this.reads.evict(previous);
    }
  }
}
