/**
 * What a plan's actions leave behind, counted the way the reports count: a later submit for the
 * same agency replaces the earlier one, a withdrawal or an upheld appeal removes it. Lets the demo (and its tests)
 * know the figures the service must report before a single command has run.
 */
import type { DemoAction, DemoBallot, DemoPlan } from './demo-types';
import { SATISFIED_LEVELS } from './demo-types';

export type DemoSubmit = Extract<DemoAction, { kind: 'submit' }>;

export interface AgencyTally {
  evaluations: number;
  satisfied: number;
}

export interface CampaignTally extends AgencyTally {
  respondents: number;
  byAgency: Map<string, AgencyTally>;
}

/** The ballot's current evaluations, by agency id, once the demo's loop has invalidated those of its upheld appeals. */
export function currentEvaluations(ballot: DemoBallot): Map<string, DemoSubmit> {
  const current = new Map<string, DemoSubmit>();
  for (const action of ballot.actions) {
    if (action.kind === 'submit') current.set(action.agencyId, action);
    else current.delete(action.agencyId);
  }
  for (const agencyId of ballot.upheldAppeals) current.delete(agencyId);
  return current;
}

export function tallyCampaign(plan: DemoPlan, campaignId: string): CampaignTally {
  const tally: CampaignTally = { respondents: 0, evaluations: 0, satisfied: 0, byAgency: new Map() };
  for (const ballot of plan.ballots) {
    if (ballot.campaignId !== campaignId) continue;
    const current = currentEvaluations(ballot);
    if (current.size > 0) tally.respondents++;
    for (const [agencyId, evaluation] of current) {
      const agency = tally.byAgency.get(agencyId) ?? { evaluations: 0, satisfied: 0 };
      tally.byAgency.set(agencyId, agency);
      const satisfied = SATISFIED_LEVELS.includes(evaluation.rating) ? 1 : 0;
      agency.evaluations++;
      agency.satisfied += satisfied;
      tally.evaluations++;
      tally.satisfied += satisfied;
    }
  }
  return tally;
}
