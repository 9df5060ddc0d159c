export * from './store-config';
export * from './open-stores';
export * from './redact';
export * from './data-files';
