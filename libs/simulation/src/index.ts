export * from './agenda';
export * from './seeded-random';
export * from './simulate';
