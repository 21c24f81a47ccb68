/**
 * When things happen in the demo, in whole seconds since the epoch: first visits cluster after
 * the invitations and before the deadline, on working days and in office hours (Beijing time);
 * one visit's submissions follow each other within minutes; revisions and withdrawals come hours
 * or days later, never after the campaign closes.
 */
import { cumulative, intBelow, pickIndex, type Rng } from './prng';

const { exp, floor, log, max, min, round } = Math; // see prng.ts: no global lookups in hot code
const DAY = 86_400;
const BEIJING_OFFSET = 8 * 3600;

export interface CampaignWindow {
  /** Seconds since the epoch; opens at midnight in Xuzhou. */
  opens: number;
  closes: number;
  dayCum: Float64Array;
}

export function campaignWindow(opensAt: string, closesAt: string): CampaignWindow {
  const opens = Date.parse(opensAt) / 1000;
  const closes = Date.parse(closesAt) / 1000;
  const days = Math.ceil((closes - opens) / DAY);
  const weights = Array.from({ length: days }, (_, d) => {
    const weekday = new Date((opens + d * DAY + BEIJING_OFFSET) * 1000).getUTCDay();
    const wave = 1 + 3 * exp(-d / 7) + 2.5 * exp(-(days - 1 - d) / 4);
    return weekday === 0 || weekday === 6 ? wave * 0.35 : wave;
  });
  return { opens, closes, dayCum: cumulative(weights) };
}

/** The start of a visit: a day by the weights, then office hours (85%) or the evening. */
export function firstVisit(rng: Rng, w: CampaignWindow): number {
  const day = pickIndex(rng, w.dayCum);
  const secondOfDay = rng() < 0.85 ? 8.5 * 3600 + intBelow(rng, 9.5 * 3600) : 18 * 3600 + intBelow(rng, 5 * 3600);
  return min(w.opens + day * DAY + secondOfDay, w.closes - 3600);
}

/** The next submission in the same visit: 25 seconds to 4 minutes later. */
export function sameVisit(rng: Rng, t: number): number {
  return t + 25 + intBelow(rng, 215);
}

/** A later return, 2 hours to 12 days on (log-uniform), but at most half of the time left. */
export function laterVisit(rng: Rng, t: number, w: CampaignWindow): number {
  const gap = round(exp(log(7200) + rng() * log((12 * DAY) / 7200)));
  return t + max(1, min(gap, floor((w.closes - t) / 2)));
}

/**
 * A formatter of whole seconds as UTC ISO strings ('2019-11-04T01:23:45.000Z'), same output as
 * Date#toISOString but about five times faster: day prefixes and times of day are cached, which
 * matters at half a million actions. Make one per use so the caches go when it does.
 */
export function isoFormatter(): (seconds: number) => string {
  const days = new Map<number, string>();
  const times: string[] = new Array(DAY);
  return (seconds) => {
    const day = floor(seconds / DAY);
    const second = seconds - day * DAY;
    let prefix = days.get(day);
    if (prefix === undefined) days.set(day, (prefix = new Date(day * DAY * 1000).toISOString().slice(0, 11)));
    return prefix + (times[second] ??= new Date(second * 1000).toISOString().slice(11));
  };
}
