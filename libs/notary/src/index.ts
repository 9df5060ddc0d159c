export * from './merkle';
export * from './merkle-tree';
export * from './leaf';
export * from './checkpoint';
export * from './notary-store';
export * from './notary';
export * from './verify-checkpoint';
export * from './notary-config';
