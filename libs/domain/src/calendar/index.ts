export * from './local-day';
export * from './working-days';
