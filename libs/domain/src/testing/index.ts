/**
 * The fixtures every tier shares (@survey/domain/testing): credit codes, the survey's event
 * builders, and `deferred`/`pause`. Here, in the domain, because every lib, app, the e2e suites and
 * the bench depend on the domain and it depends on nothing, so any of them may use the kit without
 * an import cycle. Envelopes (NewEvent, RecordedEvent) are in @survey/event-store/testing.
 */
export * from './credit-codes';
export * from './builders';
export * from './async';
export { endOf, officialCalendar, officialCalendarData, shanghai } from './calendar';
/** The closed loop's builders, one namespace each (their names overlap: `local`, `stamp`, the actors; `closed`, `missed` and `endOf` would clash). */
export * as caseEvents from './cases';
export * as requestEvents from './requests';
