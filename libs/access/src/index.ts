export * from './access-store.port';
export * from './service-database';
export * from './api-keys';
export * from './idempotency-store';
export * from './embedded-access-store';
export * from './mongo-access-store';
export * from './leases';
export * from './rate-counts';
