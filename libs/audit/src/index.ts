export * from './sale-trace';
export * from './refusals';
export * from './audit-index';
