export * from './events';
export * from './commands';
export * from './state';
export * from './access';
export * from './deadlines';
export * from './decider';
export * from './view';
