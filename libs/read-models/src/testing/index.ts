/**
 * The read models' test kit for suites outside the lib (@survey/read-models/testing): folding a
 * projection as stored, and histories with their counts worked out by hand. The contract suites are
 * imported by path where they run.
 */
export * from './fold-as-stored';
export * from './rectification-history';
export * from './report-history';
export * from './request-history';
