/**
 * The rectification reports (CLOSED-LOOP.md "Report shapes"): per agency and in all, the counts of
 * the cases' handling with their rates, for staff; and the public table of a published campaign.
 * Never suppressed: these count the handling of cases, not respondents. Pure: the counts come in,
 * `now` decides which open cases are overdue.
 */
import { rateFigure, RateFigure } from './wilson';

/** An agency's cumulative counts, each case at most once; `…Settled` are the on-time rates' denominators. */
export interface CaseCountsInput {
  cases: number;
  contacted: number;
  contactedOnTime: number;
  /** Cases contacted, or whose contact deadline was recorded missed. */
  contactSettled: number;
  reported: number;
  rectifiedOnTime: number;
  /** Cases reported in round 1, or whose round-1 rectify deadline was recorded missed. */
  rectifySettled: number;
  followUps: number;
  followUpSatisfied: number;
  appeals: number;
  appealsUpheld: number;
  closed: number;
  /** Cases closed with the outcome `rectified`. */
  closedRectified: number;
}

export interface AgencyCasesInput {
  agencyId: string;
  name: string | null;
  counts: CaseCountsInput;
  /** For each open case, the due times of the deadlines it waits on. */
  openDues: readonly (readonly string[])[];
}

export interface CaseFigures {
  cases: number;
  contacted: number;
  contactedOnTime: number;
  reported: number;
  rectifiedOnTime: number;
  followUps: number;
  followUpSatisfied: number;
  appeals: number;
  appealsUpheld: number;
  open: number;
  overdue: number;
  rates: { contactedOnTime: RateFigure; rectifiedOnTime: RateFigure; followUpSatisfied: RateFigure };
}

export interface RectificationReport {
  campaignId: string;
  agencies: ({ agencyId: string; name: string | null } & CaseFigures)[];
  total: CaseFigures;
}

export interface PublicCaseFigures {
  cases: number;
  closed: number;
  rectifiedRate: RateFigure;
  onTimeRate: RateFigure;
}

export interface PublicRectification {
  campaignId: string;
  publishedAt: string;
  agencies: ({ agencyId: string; name: string | null } & PublicCaseFigures)[];
  total: PublicCaseFigures;
}

type Tally = CaseCountsInput & { open: number; overdue: number };

function tally(agency: AgencyCasesInput, now: Date): Tally {
  const overdue = agency.openDues.filter((dues) => dues.some((due) => Date.parse(due) <= now.getTime())).length;
  return { ...agency.counts, open: agency.openDues.length, overdue };
}

function sum(tallies: Tally[]): Tally {
  const total: Tally = {
    cases: 0, contacted: 0, contactedOnTime: 0, contactSettled: 0, reported: 0, rectifiedOnTime: 0, rectifySettled: 0, followUps: 0,
    followUpSatisfied: 0, appeals: 0, appealsUpheld: 0, closed: 0, closedRectified: 0, open: 0, overdue: 0,
  };
  for (const t of tallies) for (const field of Object.keys(total) as (keyof Tally)[]) total[field] += t[field];
  return total;
}

function figures(t: Tally): CaseFigures {
  return {
    cases: t.cases, contacted: t.contacted, contactedOnTime: t.contactedOnTime, reported: t.reported, rectifiedOnTime: t.rectifiedOnTime,
    followUps: t.followUps, followUpSatisfied: t.followUpSatisfied, appeals: t.appeals, appealsUpheld: t.appealsUpheld, open: t.open, overdue: t.overdue,
    rates: {
      contactedOnTime: rateFigure(t.contactedOnTime, t.contactSettled),
      rectifiedOnTime: rateFigure(t.rectifiedOnTime, t.rectifySettled),
      followUpSatisfied: rateFigure(t.followUpSatisfied, t.followUps),
    },
  };
}

const publicFigures = (t: CaseCountsInput): PublicCaseFigures => ({
  cases: t.cases, closed: t.closed, rectifiedRate: rateFigure(t.closedRectified, t.closed), onTimeRate: rateFigure(t.rectifiedOnTime, t.rectifySettled),
});

/** The staff report: `open` and `overdue` as they stand at `now`, every other count cumulative. */
export function rectificationReport(campaignId: string, agencies: readonly AgencyCasesInput[], now: Date): RectificationReport {
  const tallies = agencies.map((a) => tally(a, now));
  return {
    campaignId,
    agencies: agencies.map((a, i) => ({ agencyId: a.agencyId, name: a.name, ...figures(tallies[i]) })),
    total: figures(sum(tallies)),
  };
}

/** The public table: how many cases, how many closed, the share closed rectified, the share reported on time. */
export function publicRectification(campaignId: string, publishedAt: string, agencies: readonly AgencyCasesInput[]): PublicRectification {
  return {
    campaignId,
    publishedAt,
    agencies: agencies.map((a) => ({ agencyId: a.agencyId, name: a.name, ...publicFigures(a.counts) })),
    total: publicFigures(sum(agencies.map((a) => ({ ...a.counts, open: 0, overdue: 0 })))),
  };
}
