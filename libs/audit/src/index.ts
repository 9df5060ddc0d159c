export * from './sale-trace';
