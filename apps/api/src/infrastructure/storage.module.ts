import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ApiKeys, IdempotencyStore, ServiceDatabase } from '@fresh/access';
import { Clock, SystemClock } from '@fresh/commands';
import { EventStore, SqliteEventStore } from '@fresh/event-store';
import { EmbeddedReadStore, ReadModelQueries, ReadStore } from '@fresh/read-models';
import { join } from 'node:path';
import { AppConfig } from '../config';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The stores of the embedded default, opened once and closed on shutdown. */
@Global()
@Module({})
export class StorageModule implements OnApplicationShutdown {
  constructor(
    private readonly events: EventStore,
    private readonly reads: ReadStore,
    private readonly service: ServiceDatabase,
  ) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useClass: SystemClock },
        {
          provide: EventStore,
          useFactory: () =>
            new SqliteEventStore(join(config.dataDir, 'events.db'), {
              synchronous: config.sqliteSynchronous,
            }),
        },
        {
          provide: ReadStore,
          useFactory: () => new EmbeddedReadStore(join(config.dataDir, 'read-models.db')),
        },
        {
          provide: ReadModelQueries,
          useFactory: (reads: ReadStore) => new ReadModelQueries(reads),
          inject: [ReadStore],
        },
        { provide: ServiceDatabase, useFactory: () => new ServiceDatabase(config.dataDir) },
        {
          provide: ApiKeys,
          useFactory: (db: ServiceDatabase) => new ApiKeys(db),
          inject: [ServiceDatabase],
        },
        {
          provide: IdempotencyStore,
          useFactory: (db: ServiceDatabase) => new IdempotencyStore(db),
          inject: [ServiceDatabase],
        },
      ],
      exports: [
        APP_CONFIG,
        Clock,
        EventStore,
        ReadStore,
        ReadModelQueries,
        ServiceDatabase,
        ApiKeys,
        IdempotencyStore,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.events.close();
    await this.reads.close();
    this.service.close();
  }
}

export const InjectConfig = () => Inject(APP_CONFIG);
