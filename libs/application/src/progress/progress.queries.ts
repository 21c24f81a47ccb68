/**
 * Response progress for admins, from the `progress` read models: how many invited enterprises have
 * responded, overall, per agency and per district, and which have not (for reminders). Who
 * responded is personal data: only admins reach these (analysts and auditors get 403 at the edge).
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { CampaignDefinition, campaignDecider, CampaignPhase, campaignPhase, getOwn, keyed, NotFound, ownEntries, streams } from '@survey/domain';
import {
  inviteeId, PendingDoc, PROGRESS, ProgressDoc, progressProjection, ProgressEnterpriseDoc, READ_MODEL_STORE, DocumentReads,
} from '@survey/read-models';
import { percent } from '@survey/reporting';
import { Aggregates } from '../infrastructure/aggregates';

export interface ProgressView {
  campaignId: string;
  status: CampaignPhase;
  invited: number;
  responded: number;
  /** responded ÷ invited in percent, one decimal; null before anyone is invited. */
  responseRate: number | null;
  respondedWithoutInvitation: number;
  agencies: { agencyId: string; name: string; responded: number; responseRate: number | null }[];
  districts: { district: string | null; invited: number; responded: number; responseRate: number | null }[];
  asOf: { position: number; recordedAt: string | null };
}

export interface NonRespondent {
  creditCode: string;
  name: string | null;
  district: string | null;
}

export class CampaignProgressQuery extends Query<ProgressView> {
  constructor(readonly campaignId: string) {
    super();
  }
}

/** One page of the invited enterprises that have not responded, by credit code; `next` is the cursor for the page after. */
export class NonRespondentsQuery extends Query<{ campaignId: string; nonRespondents: NonRespondent[]; next: string | null }> {
  constructor(readonly campaignId: string, readonly after: string | null, readonly limit: number) {
    super();
  }
}

/** All of them, read a page at a time as the consumer pulls (the reminder CSV). */
export class AllNonRespondentsQuery extends Query<AsyncIterable<NonRespondent>> {
  constructor(readonly campaignId: string) {
    super();
  }
}

abstract class ProgressReader {
  constructor(protected readonly readModels: DocumentReads, protected readonly aggregates: Aggregates) {}

  protected async campaign(campaignId: string) {
    const { state } = await this.aggregates.load(streams.campaign(campaignId), campaignDecider);
    if (!state.exists) throw new NotFound(`campaign ${campaignId} not found`);
    return state;
  }

  protected async page(campaignId: string, after: string | null, limit: number): Promise<NonRespondent[]> {
    const pending = await this.readModels.listPage<PendingDoc>(PROGRESS.pending, `${campaignId}/`, after === null ? null : inviteeId(campaignId, after), limit);
    const profiles = await this.readModels.getMany<ProgressEnterpriseDoc>(PROGRESS.enterprises, pending.map((p) => p.doc.creditCode));
    return pending.map(({ doc }) => ({ creditCode: doc.creditCode, name: profiles.get(doc.creditCode)?.name ?? null, district: doc.district }));
  }
}

@QueryHandler(CampaignProgressQuery)
export class CampaignProgressHandler extends ProgressReader implements IQueryHandler<CampaignProgressQuery> {
  constructor(@Inject(READ_MODEL_STORE) readModels: DocumentReads, aggregates: Aggregates) {
    super(readModels, aggregates);
  }

  async execute({ campaignId }: CampaignProgressQuery): Promise<ProgressView> {
    const campaign = await this.campaign(campaignId);
    const asOf = await this.readModels.checkpoint(progressProjection.name);
    const doc = await this.readModels.get<ProgressDoc>(PROGRESS.campaigns, campaignId);
    return progressView(campaign.definition, doc, campaignPhase(campaign, this.aggregates.now()), asOf);
  }
}

/** The progress answer from the campaign's `progress` document (none yet: nobody invited or rated). */
export function progressView(campaign: CampaignDefinition, doc: ProgressDoc | undefined, status: CampaignPhase, asOf: ProgressView['asOf']): ProgressView {
  const p = doc ?? { campaignId: campaign.campaignId, invited: 0, responded: 0, respondedWithoutInvitation: 0, agencies: keyed<number>(), districts: keyed<{ invited: number; responded: number }>() };
  const districts = ownEntries(p.districts)
    .filter(([, d]) => d.invited > 0)
    .sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0)) // unknown last
    .map(([district, d]) => ({ district: district || null, invited: d.invited, responded: d.responded, responseRate: percent(d.responded, d.invited) }));
  return {
    campaignId: campaign.campaignId,
    status,
    invited: p.invited,
    responded: p.responded,
    responseRate: percent(p.responded, p.invited),
    respondedWithoutInvitation: p.respondedWithoutInvitation,
    agencies: campaign.agencies.map(({ id, name }) => {
      const responded = getOwn(p.agencies, id) ?? 0;
      return { agencyId: id, name, responded, responseRate: percent(responded, p.invited) };
    }),
    districts,
    asOf,
  };
}

@QueryHandler(NonRespondentsQuery)
export class NonRespondentsHandler extends ProgressReader implements IQueryHandler<NonRespondentsQuery> {
  constructor(@Inject(READ_MODEL_STORE) readModels: DocumentReads, aggregates: Aggregates) {
    super(readModels, aggregates);
  }

  async execute({ campaignId, after, limit }: NonRespondentsQuery) {
    await this.campaign(campaignId);
    // One more than asked tells whether there is a next page.
    const rows = await this.page(campaignId, after, limit + 1);
    const nonRespondents = rows.slice(0, limit);
    return { campaignId, nonRespondents, next: rows.length > limit ? nonRespondents[limit - 1].creditCode : null };
  }
}

@QueryHandler(AllNonRespondentsQuery)
export class AllNonRespondentsHandler extends ProgressReader implements IQueryHandler<AllNonRespondentsQuery> {
  constructor(@Inject(READ_MODEL_STORE) readModels: DocumentReads, aggregates: Aggregates) {
    super(readModels, aggregates);
  }

  async execute({ campaignId }: AllNonRespondentsQuery): Promise<AsyncIterable<NonRespondent>> {
    await this.campaign(campaignId); // a 404 before the answer starts
    const page = (after: string | null) => this.page(campaignId, after, 1000);
    return (async function* () {
      for (let rows = await page(null); rows.length > 0; rows = await page(rows[rows.length - 1].creditCode)) yield* rows;
    })();
  }
}
