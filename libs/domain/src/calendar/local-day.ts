/**
 * Days of the Asia/Shanghai calendar as whole numbers (days since 1970-01-01), so that deadline
 * arithmetic is integer arithmetic. China has kept UTC+8 without daylight saving since 1991, so a
 * fixed offset is exact for every date the service deals with.
 */
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type LocalDay = number;

/** The local (UTC+8) calendar day a moment falls on: 2019-12-06T16:01Z is already 12-07 there. */
export const localDayOf = (moment: Date): LocalDay => Math.floor((moment.getTime() + SHANGHAI_OFFSET_MS) / DAY_MS);

/** The moment a local day ends (24:00 UTC+8), which is 16:00 UTC of that same date. */
export const endOfLocalDay = (day: LocalDay): Date => new Date((day + 1) * DAY_MS - SHANGHAI_OFFSET_MS);

/** `YYYY-MM-DD` of a local day. */
export const isoDay = (day: LocalDay): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The local day of a `YYYY-MM-DD` that names a real calendar date; undefined otherwise. */
export function parseIsoDay(text: string): LocalDay | undefined {
  const m = ISO_DAY.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const day = ms / DAY_MS;
  return isoDay(day) === text ? day : undefined;
}

export const yearOf = (day: LocalDay): number => new Date(day * DAY_MS).getUTCFullYear();

/** Saturday or Sunday. */
export function isWeekend(day: LocalDay): boolean {
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday === 0 || weekday === 6;
}
