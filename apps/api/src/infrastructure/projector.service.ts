import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { EventStore } from '@fresh/event-store';
import { EmbeddedReadStore, Projector, ProjectorStatus, ReadStore } from '@fresh/read-models';
import { AppConfig } from '../config';
import { InjectConfig } from './storage.module';

/**
 * Runs the projector on the live generation. When a replay (`fresh replay`, in any process)
 * switches the live generation, it follows: stops, moves to the new one, drops the old one.
 */
@Injectable()
export class ProjectorService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('projector');
  private projector?: Projector;
  private generation?: string;
  private watch?: NodeJS.Timeout;
  private switching = Promise.resolve();

  constructor(
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.projector) return;
    await this.follow(await this.reads.liveGeneration());
    this.watch = setInterval(() => void this.checkLive(), 500);
    this.watch.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.watch);
    await this.switching;
    await this.projector?.stop();
  }

  status(): ProjectorStatus {
    return this.projector?.current ?? { state: 'stopped' };
  }

  /** Resolves once the live read models include the event at `position`. */
  waitFor(position: bigint): Promise<void> {
    return this.projector ? this.projector.waitFor(position) : Promise.resolve();
  }

  private checkLive(): Promise<void> {
    this.switching = this.switching.then(async () => {
      try {
        const live = await this.reads.liveGeneration();
        if (live !== this.generation) await this.follow(live);
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
