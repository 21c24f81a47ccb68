export * from './read-model-store.port';
export * from './projection';
export * from './projector';
export * from './sqlite/sqlite-read-model-store';
export * from './projections/report-docs';
export * from './projections/reports.projection';
export * from './mongo/mongo-read-model-store';
export * from './projections/directory.projection';
