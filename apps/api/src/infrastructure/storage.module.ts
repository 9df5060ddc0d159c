import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import {
  AccessStore,
  ApiKeys,
  EmbeddedAccessStore,
  IdempotencyStore,
  Leases,
  ServiceDatabase,
} from '@fresh/access';
import { Clock, Ids, RandomIds, SystemClock } from '@fresh/commands';
import { EventStore } from '@fresh/event-store';
import { ReadModelQueries, ReadStore } from '@fresh/read-models';
import { PersonalDataStore } from '@fresh/privacy';
import { Stores } from '@fresh/stores';
import { AppConfig } from '../config';
import { MeasuredEventStore } from '../metrics/measured-event-store';
import { ServiceMetrics } from '../metrics/service-metrics';

export const APP_CONFIG = Symbol('APP_CONFIG');
const STORES = Symbol('STORES');

/** The stores, opened (and checked) before the application starts, and closed on shutdown. */
@Global()
@Module({})
export class StorageModule implements OnApplicationShutdown {
  constructor(
    @Inject(STORES) private readonly stores: Stores,
    private readonly service: ServiceDatabase,
  ) {}

  static forRoot(config: AppConfig, stores: Stores): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: STORES, useValue: stores },
        { provide: Clock, useClass: SystemClock },
        { provide: Ids, useClass: RandomIds },
        {
          provide: EventStore,
          useFactory: (metrics: ServiceMetrics) => new MeasuredEventStore(stores.events, metrics),
          inject: [ServiceMetrics],
        },
        { provide: PersonalDataStore, useValue: stores.privacy },
        { provide: ReadStore, useValue: stores.reads },
        { provide: ReadModelQueries, useFactory: () => new ReadModelQueries(stores.reads) },
        // Keys and idempotency answers: service.db, or MongoDB shared by instances on any host.
        { provide: AccessStore, useValue: stores.access },
        // The data dir's own records: leases (one notary per data dir), and the embedded access
        // store's tables, which tests also reach directly.
        ...(stores.access instanceof EmbeddedAccessStore
          ? [
              { provide: ServiceDatabase, useValue: stores.access.service },
              { provide: ApiKeys, useValue: stores.access.keys },
              { provide: IdempotencyStore, useValue: stores.access.answers },
            ]
          : [
              {
                provide: ServiceDatabase,
                useFactory: () => new ServiceDatabase(config.stores.dataDir),
              },
            ]),
        {
          provide: Leases,
          useFactory: (db: ServiceDatabase) => new Leases(db),
          inject: [ServiceDatabase],
        },
      ],
      exports: [
        APP_CONFIG,
        Clock,
        Ids,
        EventStore,
        PersonalDataStore,
        ReadStore,
        ReadModelQueries,
        AccessStore,
        ServiceDatabase,
        ...(stores.access instanceof EmbeddedAccessStore ? [ApiKeys, IdempotencyStore] : []),
        Leases,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stores.close();
    this.service.close();
  }
}

export const InjectConfig = () => Inject(APP_CONFIG);
