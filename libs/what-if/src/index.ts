export * from './scenario';
export * from './what-if-record';
export * from './evaluate';
export * from './read-record';
export * from './what-if';
export * from './what-if-rows';
export * from './what-if-table';
export * from './present';
