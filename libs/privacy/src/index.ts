export * from './field-cipher';
export * from './key-store.port';
export * from './embedded-key-store';
export * from './mongo-key-store';
export * from './upcasters';
export * from './personal-data-store';
export * from './subject-privacy';
