export * from './clock';
export * from './command-envelope';
export * from './commands';
export * from './commands.module';
export * from './decision-runner';
export * from './sources';
export * from './ids';
