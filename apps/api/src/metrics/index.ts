export * from './service-metrics';
export * from './serve-metrics';
export * from './http-metrics';
export * from './command-outcome';
export * from './measured-event-store';
export * from './follower-metrics';
export * from './metrics.module';
