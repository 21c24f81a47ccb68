/** The `reports` projection as a pure fold: exact counters after each kind of ballot history. */
import type { SurveyEvent } from '@survey/domain';
import type { RecordedEvent } from '@survey/event-store';
import type { DocAccess } from '../projection';
import type { Doc } from '../read-model-store.port';
import { counts } from '../testing/report-history';
import { AgencyStatsDoc, CampaignDoc, CampaignStatsDoc, COLLECTIONS as C } from './report-docs';
import { reportsProjection } from './reports.projection';
import { acme, closed, globex, initech, invalidated, opened, published, registered, revised, submitted, withdrawn } from '@survey/domain/testing';
import { recorded } from '@survey/event-store/testing';

/**
 * Documents kept as JSON between events, as a store would: a projection that mutated a document
 * without put()ting it would lose the change here too. Records every (collection, id) touched.
 */
class JsonDocs implements DocAccess {
  private readonly stored = new Map<string, string>();
  private readonly open = new Map<string, Doc | null>();
  private readonly dirty = new Set<string>();
  readonly touched = new Set<string>();

  get<T extends Doc>(collection: string, id: string): T | undefined {
    const key = this.touch(collection, id);
    if (!this.open.has(key)) {
      const json = this.stored.get(key);
      this.open.set(key, json === undefined ? null : (JSON.parse(json) as Doc));
    }
    return (this.open.get(key) ?? undefined) as T | undefined;
  }

  put(collection: string, id: string, doc: Doc): void {
    this.open.set(this.touch(collection, id), doc);
    this.dirty.add(`${collection}|${id}`);
  }

  delete(collection: string, id: string): void {
    this.open.set(this.touch(collection, id), null);
    this.dirty.add(`${collection}|${id}`);
  }

  fold(events: SurveyEvent[]): this {
    return this.applyAll(recorded(events));
  }

  /** One event per batch, each committed as JSON before the next. */
  applyAll(log: RecordedEvent[]): this {
    for (const event of log) {
      this.open.clear();
      this.dirty.clear();
      this.touched.clear();
      reportsProjection.apply(event, this);
      for (const key of this.dirty) {
        const doc = this.open.get(key);
        if (doc) this.stored.set(key, JSON.stringify(doc));
        else this.stored.delete(key);
      }
    }
    return this;
  }

  /** Replaces a stored document, as a store written by an earlier version would hold it. */
  rewrite(collection: string, id: string, doc: Doc): this {
    this.stored.set(`${collection}|${id}`, JSON.stringify(doc));
    return this;
  }

  doc<T extends Doc>(collection: string, id: string): T | undefined {
    const json = this.stored.get(`${collection}|${id}`);
    return json === undefined ? undefined : (JSON.parse(json) as T);
  }

  dump(): Record<string, unknown> {
    return Object.fromEntries([...this.stored].sort().map(([k, v]) => [k, JSON.parse(v)]));
  }

  private touch(collection: string, id: string): string {
    const key = `${collection}|${id}`;
    this.touched.add(key);
    return key;
  }
}

const project = (...events: SurveyEvent[]) => new JsonDocs().fold(events);
const campaignStats = (docs: JsonDocs, campaignId = 'xz-2019') => docs.doc<CampaignStatsDoc>(C.campaignStats, campaignId)!;
const agencyStats = (docs: JsonDocs, agencyId: string, campaignId = 'xz-2019') => docs.doc<AgencyStatsDoc>(C.agencyStats, `${campaignId}/${agencyId}`)!;

describe('reports projection', () => {
  it('counts first submissions per level, overall and per agency, and each respondent once', () => {
    const docs = project(
      opened(), submitted(acme, 'tax', 'satisfied'), submitted(acme, 'police', 'very_satisfied'), submitted(globex, 'tax', 'dissatisfied'),
    );
    expect(campaignStats(docs)).toMatchObject({ campaignId: 'xz-2019', respondents: 2 });
    expect(counts(campaignStats(docs))).toEqual({ levels: { satisfied: 1, very_satisfied: 1, dissatisfied: 1 }, questions: {} });
    expect(agencyStats(docs, 'tax')).toMatchObject({ campaignId: 'xz-2019', agencyId: 'tax' });
    expect(counts(agencyStats(docs, 'tax')).levels).toEqual({ satisfied: 1, dissatisfied: 1 });
    expect(counts(agencyStats(docs, 'police')).levels).toEqual({ very_satisfied: 1 });
  });

  it('keeps the campaign document as changed while open: later closing, agency added and renamed', () => {
    const docs = project(
      opened(),
      { type: 'CampaignClosingExtended', data: { campaignId: 'xz-2019', closesAt: '2020-01-15T00:00:00.000Z', previousClosesAt: '2019-12-31T00:00:00.000Z' } },
      { type: 'CampaignAgencyAdded', data: { campaignId: 'xz-2019', agencyId: 'housing', name: '市住建局' } },
      { type: 'CampaignAgencyRenamed', data: { campaignId: 'xz-2019', agencyId: 'tax', name: '国家税务总局徐州市税务局', previousName: '市税务局' } },
      submitted(acme, 'housing', 'satisfied'),
    );
    const campaign = docs.doc<CampaignDoc>(C.campaigns, 'xz-2019')!;
    expect(campaign.closesAt).toBe('2020-01-15T00:00:00.000Z');
    expect(campaign.agencies.map((a) => `${a.id}:${a.name}`)).toEqual(['tax:国家税务总局徐州市税务局', 'police:市公安局', 'market:市市场监管局', 'housing:市住建局']);
    expect(counts(agencyStats(docs, 'housing')).levels).toEqual({ satisfied: 1 });
  });

  it('moves a revised evaluation from its old level to its new one without counting it twice', () => {
    const docs = project(opened(), submitted(acme, 'tax', 'satisfied'), revised(acme, 'tax', 'dissatisfied'), revised(acme, 'tax', 'basically_satisfied'));
    expect(counts(campaignStats(docs)).levels).toEqual({ basically_satisfied: 1 });
    expect(counts(agencyStats(docs, 'tax')).levels).toEqual({ basically_satisfied: 1 });
    expect(campaignStats(docs).respondents).toBe(1);
  });

  it('leaves every document as it was when a revision repeats the current data', () => {
    const answers = { efficiency: 'satisfied', attitude: 'very_satisfied' };
    const once = project(opened(), submitted(acme, 'tax', 'satisfied', { answers }));
    const repeated = project(opened(), submitted(acme, 'tax', 'satisfied', { answers }), revised(acme, 'tax', 'satisfied', { answers }), revised(acme, 'tax', 'satisfied', { answers }));
    expect(repeated.dump()).toEqual(once.dump());
  });

  it('removes withdrawn and invalidated evaluations from every counter', () => {
    const answers = { integrity: 'dissatisfied' };
    const docs = project(
      opened(), submitted(acme, 'tax', 'satisfied', { answers }), submitted(acme, 'police', 'very_dissatisfied', { answers }),
      submitted(globex, 'police', 'satisfied'), withdrawn(acme, 'tax'), invalidated(acme, 'police'),
    );
    expect(counts(campaignStats(docs))).toEqual({ levels: { satisfied: 1 }, questions: {} });
    expect(counts(agencyStats(docs, 'tax'))).toEqual({ levels: {}, questions: {} });
    expect(counts(agencyStats(docs, 'police'))).toEqual({ levels: { satisfied: 1 }, questions: {} });
    expect(campaignStats(docs).respondents).toBe(1);
  });

  it('keeps a ballot\'s ratings spelled small, and undoes one kept as a tuple by an earlier version exactly as a spelled one', () => {
    const answers = { efficiency: 'satisfied', attitude: 'very_satisfied' };
    const ballot = `xz-2019/${acme}`;
    const spelled = project(opened(), submitted(acme, 'tax', 'satisfied', { answers }));
    expect(spelled.doc(C.ballots, ballot)).toEqual({ current: { tax: expect.stringMatching(/^[0-9-]+$/) }, count: 1 });
    const tupled = project(opened(), submitted(acme, 'tax', 'satisfied', { answers })).rewrite(C.ballots, ballot, { current: { tax: ['satisfied', answers] }, count: 1 });

    const revision = revised(acme, 'tax', 'dissatisfied', { answers: { efficiency: 'dissatisfied' } });
    expect(tupled.fold([revision]).dump()).toEqual(spelled.fold([revision]).dump());
    expect(agencyStats(tupled, 'tax').questions).toEqual({ efficiency: { satisfied: 0, dissatisfied: 1 }, attitude: { very_satisfied: 0 } });
    const withdrawal = withdrawn(acme, 'tax');
    expect(tupled.fold([withdrawal]).dump()).toEqual(spelled.fold([withdrawal]).dump());
    expect(campaignStats(tupled).respondents).toBe(0);
  });

  it('counts a submission made again after a withdrawal', () => {
    const docs = project(opened(), submitted(acme, 'tax', 'satisfied'), withdrawn(acme, 'tax'), submitted(acme, 'tax', 'basically_satisfied'));
    expect(counts(campaignStats(docs)).levels).toEqual({ basically_satisfied: 1 });
    expect(counts(agencyStats(docs, 'tax')).levels).toEqual({ basically_satisfied: 1 });
    expect(campaignStats(docs).respondents).toBe(1);
  });

  it('counts each answered question per level, and moves or drops answers on revision', () => {
    const docs = project(
      opened(),
      submitted(acme, 'tax', 'satisfied', { answers: { efficiency: 'satisfied', attitude: 'very_satisfied' } }),
      submitted(globex, 'tax', 'dissatisfied', { answers: { efficiency: 'dissatisfied' } }),
      submitted(initech, 'police', 'satisfied', { answers: { policy: 'satisfied' } }),
      revised(acme, 'tax', 'satisfied', { answers: { attitude: 'dissatisfied' } }),
    );
    const tax = { efficiency: { dissatisfied: 1 }, attitude: { dissatisfied: 1 } };
    expect(counts(agencyStats(docs, 'tax')).questions).toEqual(tax);
    expect(counts(agencyStats(docs, 'police')).questions).toEqual({ policy: { satisfied: 1 } });
    expect(counts(campaignStats(docs)).questions).toEqual({ ...tax, policy: { satisfied: 1 } });
  });

  it("counts a respondent once across agencies and lets go only with the ballot's last current evaluation", () => {
    const docs = project(opened(), submitted(acme, 'tax', 'satisfied'), submitted(acme, 'police', 'satisfied'), submitted(acme, 'market', 'satisfied'));
    const respondents = (...more: SurveyEvent[]) => campaignStats(docs.fold(more)).respondents;
    expect(respondents()).toBe(1);
    expect(respondents(withdrawn(acme, 'tax'))).toBe(1);
    expect(respondents(invalidated(acme, 'police'))).toBe(1);
    expect(respondents(revised(acme, 'market', 'dissatisfied'))).toBe(1);
    expect(respondents(withdrawn(acme, 'market'))).toBe(0);
    expect(respondents(withdrawn(acme, 'market'), invalidated(acme, 'tax'))).toBe(0); // nothing current left to remove
    expect(respondents(submitted(acme, 'police', 'satisfied'))).toBe(1);
    expect(counts(campaignStats(docs)).levels).toEqual({ satisfied: 1 });
  });

  it('keeps two campaigns apart', () => {
    const y2018 = { campaignId: 'xz-2018' };
    const docs = project(
      opened('xz-2018', { year: 2018 }), opened(), submitted(acme, 'tax', 'dissatisfied', y2018), submitted(globex, 'tax', 'satisfied', y2018),
      submitted(acme, 'tax', 'very_satisfied'), withdrawn(acme, 'tax'), submitted(initech, 'police', 'satisfied'),
    );
    expect(campaignStats(docs, 'xz-2018')).toMatchObject({ campaignId: 'xz-2018', respondents: 2 });
    expect(counts(agencyStats(docs, 'tax', 'xz-2018')).levels).toEqual({ dissatisfied: 1, satisfied: 1 });
    expect(campaignStats(docs, 'xz-2019').respondents).toBe(1);
    expect(counts(campaignStats(docs, 'xz-2019')).levels).toEqual({ satisfied: 1 });
    expect(counts(agencyStats(docs, 'tax', 'xz-2019')).levels).toEqual({});
  });

  it('folds CampaignOpened, CampaignClosed and ResultsPublished into the campaign document', () => {
    const open = opened();
    const docs = project(open);
    expect(docs.doc<CampaignDoc>(C.campaigns, 'xz-2019')).toEqual({ ...open.data, closedAt: null, published: null });
    docs.fold([closed()]);
    expect(docs.doc<CampaignDoc>(C.campaigns, 'xz-2019')).toMatchObject({ closedAt: '2019-12-31T00:00:00.000Z', published: null });
    docs.fold([published('xz-2019', 1234567, { rate: 82.0, respondents: 60512 })]);
    expect(docs.doc<CampaignDoc>(C.campaigns, 'xz-2019')).toEqual({
      ...open.data, closedAt: '2019-12-31T00:00:00.000Z',
      published: { publishedAt: '2020-01-10T02:00:00.000Z', position: 1234567, figures: { rate: 82.0, respondents: 60512 } },
    });
    expect(project(closed('xz-2099'), published('xz-2099', 1, {})).dump()).toEqual({}); // no campaign to update
  });

  const history: SurveyEvent[] = [opened(), submitted(acme, 'tax', 'satisfied'), submitted(acme, 'police', 'satisfied')];
  it.each<[string, SurveyEvent]>([
    ['CampaignOpened', opened('xz-2020', { year: 2020 })],
    ['CampaignClosed', closed()],
    ['ResultsPublished', published('xz-2019', 3, {})],
    ['a first EvaluationSubmitted', submitted(globex, 'market', 'satisfied')],
    ['EvaluationRevised', revised(acme, 'tax', 'dissatisfied')],
    ['EvaluationWithdrawn', withdrawn(acme, 'police')],
    ['EvaluationInvalidated', invalidated(acme, 'tax')],
    ['EnterpriseRegistered', registered(initech)],
  ])('reads exactly the documents it touches for %s', (_, event) => {
    const docs = project(...history);
    const [last] = recorded([...history, event]).slice(-1);
    docs.applyAll([last]);
    expect([...docs.touched].sort()).toEqual(reportsProjection.reads(last).map(([c, id]) => `${c}|${id}`).sort());
  });
});
