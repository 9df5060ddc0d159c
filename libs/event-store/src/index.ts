export * from './event-store.port';
export * from './hash-chain';
export * from './verify-log';
export * from './sqlite-event-store';
export * from './esdb-event-store';
export * from './log-checksum';
export * from './esdb-events';
export * from './redact';
