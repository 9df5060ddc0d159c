import {
  BeforeApplicationShutdown,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Leases } from '@fresh/access';
import { AuditIndex } from '@fresh/audit';
import { EventStore } from '@fresh/event-store';
import { DATA_FILES } from '@fresh/stores';
import { join } from 'node:path';
import { AppConfig } from '../config';
import { ProblemException } from '../http/problem';
import { ExclusiveRole } from './exclusive-role';
import { InjectConfig } from './storage.module';

/** Keeps audit-index.db (what auditors search by) in the process that follows the log. */
@Injectable()
export class AuditIndexService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('audit-index');
  private index?: AuditIndex;
  /** Standing by (another worker keeps the index): the same file, read only. */
  private reader?: AuditIndex;
  /** One audit index per data dir: other processes with the projector stand by. */
  private role?: ExclusiveRole;

  constructor(
    private readonly events: EventStore,
    private readonly leases: Leases,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.projector) return;
    this.role = new ExclusiveRole(this.leases, 'audit-index', {
      start: () => {
        this.index = new AuditIndex(join(this.config.stores.dataDir, DATA_FILES.auditIndex));
        this.index.follow(this.events, (error) =>
          this.logger.error(`the audit index stopped: ${error.message}`),
        );
      },
      stop: async () => {
        const index = this.index;
        this.index = undefined;
        await index?.close();
      },
    });
    this.role.begin();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.role?.end();
    await this.reader?.close();
  }

  /**
   * The index, once it holds every event recorded before the request (it waits at most 2 s, then
   * answers from what it has); read from the file where another process keeps it (standing by);
   * 503 NOTARY_UNAVAILABLE in a process that does not follow the log (FRESH_PROJECTOR=off).
   */
  async current(): Promise<AuditIndex> {
    const index = this.index;
    if (this.role && !index) return this.standingBy();
    if (!index) {
      throw new ProblemException(
        503,
        'NOTARY_UNAVAILABLE',
        'this process does not keep the audit index (FRESH_PROJECTOR=off): ask the one that does',
      );
    }
    const head = await this.events.headPosition();
    if (head !== undefined) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        index.waitFor(head),
        new Promise((resolve) => (timer = setTimeout(resolve, 2_000))),
      ]);
      clearTimeout(timer);
    }
    return index;
  }

  /**
   * Another process on the data dir (another worker) keeps the index: read its file, once it holds
   * every event recorded before the request (polled every 10 ms, at most 2 s, as above).
   */
  private async standingBy(): Promise<AuditIndex> {
    this.reader ??= new AuditIndex(join(this.config.stores.dataDir, DATA_FILES.auditIndex));
    const reader = this.reader;
    const head = await this.events.headPosition();
    for (const until = Date.now() + 2_000; head !== undefined && Date.now() < until;) {
      const at = reader.storedPosition();
      if (at !== undefined && at >= head) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return reader;
  }
}
