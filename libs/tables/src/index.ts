export * from './table-file';
