/**
 * Verifies a campaign's published figures: replays the log up to the position ResultsPublished
 * recorded, with the current code, into memory, and compares figure by figure; checks the
 * methodology hash; and compares the live read models with a replay up to their checkpoint (their
 * lag behind the log is reported, not counted against them). One pass over the log serves both, on
 * a replay worker thread (LogReplay); the headlines are assembled from its documents by the code
 * that assembles the live one.
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { CampaignOpened, Conflict, NotFound, ResultsPublished, streams } from '@survey/domain';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { READ_MODEL_STORE, DocumentReads, reportsProjection } from '@survey/read-models';
import { FORMULA_VERSION, HeadlineReport, methodologyHash, methodologyOf } from '@survey/reporting';
import { Projections } from '../projections/projections';
import { CampaignReportQuery } from '../reports/campaign-report.query';
import { LogReplay } from '../replay/log-replay';
import { headlineFrom, memorySource } from '../reports/report-source';
import { compareFigures } from './compare-figures';
import { MethodologyCheck, VerifyPublishedQuery, VerifyReport } from './verify-published.query';

@QueryHandler(VerifyPublishedQuery)
export class VerifyPublishedHandler implements IQueryHandler<VerifyPublishedQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads,
    private readonly projections: Projections,
    private readonly queries: QueryBus,
    private readonly replay: LogReplay,
  ) {}

  async execute({ campaignId, onProgress }: VerifyPublishedQuery): Promise<VerifyReport> {
    const stream = await this.store.readStream(streams.campaign(campaignId));
    const opened = stream.find((e) => e.type === 'CampaignOpened') as unknown as CampaignOpened | undefined;
    if (!opened) throw new NotFound(`campaign ${campaignId} not found`);
    const publishedEvent = stream.filter((e) => e.type === 'ResultsPublished').pop();
    if (!publishedEvent) throw new Conflict(`campaign ${campaignId} is not published: there are no published figures to verify`);
    const published = (publishedEvent as unknown as ResultsPublished).data;

    // Read models this process runs are caught up first; another process's are compared where they stand.
    if (this.projections.inProcess) await this.projections.catchUp(10_000).catch(() => undefined);
    // Read models that have not folded this campaign in (none at all: an auditor with a copy of the
    // log alone) are compared as empty: they agree with a replay exactly when it has nothing either.
    const stored = await this.readModels.checkpoint(reportsProjection.name);
    const live = await this.queries.execute(new CampaignReportQuery(campaignId)).catch((e: unknown) => (e instanceof NotFound ? null : Promise.reject(e)));
    const head = await this.store.headPosition();
    const checkpoint = live ? Number(live.asOf.position) : stored.position;

    // A position that is no position (an edited event) replays nothing: every figure then fails.
    const position = Number.isSafeInteger(published.position) && published.position > 0 ? published.position : 0;
    const targets = [...new Set([position, checkpoint])].sort((a, b) => a - b);
    const replayed = await this.replay.atPositions(targets, onProgress);
    const at = new Map<number, HeadlineReport | null>();
    for (const [i, target] of targets.entries()) {
      const { docs, position: folded, recordedAt } = replayed[i];
      at.set(target, await headlineFrom(memorySource(docs), campaignId, { position: folded, recordedAt }).catch((e: unknown) => (e instanceof NotFound ? null : Promise.reject(e))));
    }
    const figures = compareFigures(published.figures, at.get(position) ?? {});
    const differences = compareFigures(live ?? {}, at.get(checkpoint) ?? {}).filter((c) => !c.reproduces);
    const failures = figures.filter((c) => !c.reproduces);
    return {
      campaignId,
      ok: failures.length === 0,
      published: { publishedAt: published.publishedAt, position: published.position },
      methodology: checkMethodology(published, opened.data),
      figures,
      failures,
      live: { head, checkpoint, lag: Math.max(0, head - checkpoint), agrees: differences.length === 0, differences },
    };
  }
}

function checkMethodology(published: ResultsPublished['data'], campaign: CampaignOpened['data']): MethodologyCheck {
  const recorded = published.methodology ?? null;
  const recordedHash = published.methodologyHash ?? null;
  const hashOfRecorded = recorded ? hashOrNull(recorded) : null;
  const currentHash = methodologyHash(methodologyOf(campaign));
  const base = { recordedHash, hashOfRecorded, currentHash, recordedFormulaVersion: recorded?.formulaVersion ?? null, currentFormulaVersion: FORMULA_VERSION };
  const detail =
    !recorded || !recordedHash ? 'no methodology was recorded with these results (published before methodologies were)'
    : hashOfRecorded !== recordedHash ? 'the recorded methodology does not hash to the recorded hash: one of them was altered'
    : recorded.formulaVersion !== FORMULA_VERSION ? `the formulas changed since publishing (version ${recorded.formulaVersion} then, ${FORMULA_VERSION} now)`
    : recordedHash !== currentHash ? "the recorded scale or questions are not the campaign's as opened"
    : 'the methodology is the one recorded';
  return { ...base, matches: recordedHash !== null && hashOfRecorded === recordedHash && recordedHash === currentHash, detail };
}

/** The hash of a recorded methodology, or null when it is no methodology at all (an edited event). */
function hashOrNull(recorded: NonNullable<ResultsPublished['data']['methodology']>): string | null {
  try {
    return methodologyHash(methodologyOf(recorded, recorded.formulaVersion));
  } catch {
    return null;
  }
}
