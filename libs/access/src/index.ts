export * from './service-database';
export * from './api-keys';
export * from './idempotency-store';
export * from './leases';
export * from './rate-counts';
