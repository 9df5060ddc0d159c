import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config';
import { ServiceMetrics } from './service-metrics';

/** The service's metrics: one registry per application; Node's process metrics when served. */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: MetricsModule,
      providers: [
        {
          provide: ServiceMetrics,
          useFactory: () => new ServiceMetrics({ processMetrics: config.metrics !== undefined }),
        },
      ],
      exports: [ServiceMetrics],
    };
  }
}
