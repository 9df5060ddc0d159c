export * from './event-store.port';
export * from './hash-chain';
export * from './verify-log';
export * from './sqlite-event-store';
