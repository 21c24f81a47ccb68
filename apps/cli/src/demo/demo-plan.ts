/**
 * The demo's data, generated purely from a seed: ~40 agencies of 徐州市, the 2018 and 2019
 * campaigns, 60,512 enterprises and their ballots as sequences of actions (submit, revise,
 * withdraw). Replayed through the command path, the final state gives the published headline:
 * 82.0% satisfied in 2019, 70.0% in 2018, +12.0 points.
 */
import { AGENCY_SPECS } from './agencies.data';
import { buildBallots } from './ballots';
import type { DemoCampaign, DemoPlan } from './demo-types';
import { buildEnterprises } from './enterprises';
import { streamRng } from './prng';
import { drawCampaign, type YearSpec } from './ratings';

export type {
  Answers, DemoAction, DemoAgency, DemoBallot, DemoCampaign, DemoEnterprise, DemoPlan, EnterpriseSize, LevelId, QuestionId,
} from './demo-types';
export { LEVEL_IDS, QUESTION_IDS, SATISFIED_LEVELS } from './demo-types';

export const DEMO_ENTERPRISES = 60_512;

interface YearPlan extends YearSpec {
  campaign: DemoCampaign;
}

const YEARS: readonly YearPlan[] = [
  {
    campaign: campaign(2018),
    responseShare: 0.86,
    satisfiedPercent: 70,
    agencyRate: (a) => a.rate2018,
    upheldAppeals: 0,
  },
  {
    campaign: campaign(2019),
    responseShare: 1,
    satisfiedPercent: 82,
    agencyRate: (a) => a.rate2019,
    upheldAppeals: 24,
  },
];

export function buildDemoPlan(seed = 2019): DemoPlan {
  const enterprises = buildEnterprises(streamRng(seed, 'enterprises'), DEMO_ENTERPRISES);
  const ballots = YEARS.flatMap((year) => {
    const draw = drawCampaign(streamRng(seed, `figures-${year.campaign.id}`), enterprises, year);
    return buildBallots(streamRng(seed, `history-${year.campaign.id}`), year.campaign, enterprises, draw);
  });
  return {
    agencies: AGENCY_SPECS.map(({ id, name }) => ({ id, name })),
    campaigns: YEARS.map((y) => ({ ...y.campaign })),
    enterprises,
    ballots,
  };
}

/** November and December in Xuzhou time (UTC+8), as UTC ISO strings. */
function campaign(year: 2018 | 2019): DemoCampaign {
  return {
    id: `xz-${year}`,
    year,
    title: `${year}年度徐州市营商环境企业满意度评议`,
    opensAt: new Date(`${year}-11-01T00:00:00+08:00`).toISOString(),
    closesAt: new Date(`${year}-12-31T23:59:59+08:00`).toISOString(),
  };
}
