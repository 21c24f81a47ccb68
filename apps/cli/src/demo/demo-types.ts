/**
 * The shape of the demo's data: what `buildDemoPlan` returns and the CLI's demo command replays
 * through the command path. Level and question ids are the defaults of DESIGN.md's Vocabulary.
 */
export const LEVEL_IDS = ['very_satisfied', 'satisfied', 'basically_satisfied', 'dissatisfied', 'very_dissatisfied'] as const;
export type LevelId = (typeof LEVEL_IDS)[number];
/** Levels counted by the satisfaction rate: the top two of the default scale. */
export const SATISFIED_LEVELS: readonly LevelId[] = ['very_satisfied', 'satisfied'];

export const QUESTION_IDS = ['efficiency', 'attitude', 'integrity', 'policy'] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];
/** Partial: some enterprises answer only some of the questions. */
export type Answers = Partial<Record<QuestionId, LevelId>>;

export type EnterpriseSize = 'micro' | 'small' | 'medium' | 'large';

export interface DemoAgency {
  id: string;
  name: string;
}

export interface DemoCampaign {
  id: 'xz-2018' | 'xz-2019';
  year: number;
  title: string;
  /** ISO 8601 in UTC, e.g. '2019-10-31T16:00:00.000Z' (midnight in Xuzhou). */
  opensAt: string;
  closesAt: string;
}

export interface DemoEnterprise {
  creditCode: string;
  name: string;
  district: string;
  /** GB/T 4754-2017 section letter. */
  industry: string;
  size: EnterpriseSize;
}

export type DemoAction =
  | { kind: 'submit'; agencyId: string; rating: LevelId; answers: Answers; comment: string | null; at: string }
  | { kind: 'withdraw'; agencyId: string; at: string };

export interface DemoBallot {
  campaignId: string;
  creditCode: string;
  /** In time order; `at` strictly increases. */
  actions: DemoAction[];
  /**
   * Agencies whose (bad, never revised) evaluation an agency appeals and the centre upholds: the
   * demo's loop invalidates it before the campaign's results are published.
   */
  upheldAppeals: string[];
}

export interface DemoPlan {
  agencies: DemoAgency[];
  campaigns: DemoCampaign[];
  enterprises: DemoEnterprise[];
  /** 2018 ballots first, then 2019, each sorted by the time of their first action. */
  ballots: DemoBallot[];
}
