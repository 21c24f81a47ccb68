/**
 * Read side of invitations: whether a link still stands (asked by the HTTP guard on every request
 * that carries one, so it reads only the events appended since its last look), and the directory
 * of registered enterprises that invitations go to.
 */
import { Inject } from '@nestjs/common';
import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { campaignDecider, invitationDecider, LinkStanding, linkStanding, streams } from '@survey/domain';
import { DIRECTORY, DirectoryDoc, READ_MODEL_STORE, DocumentReads } from '@survey/read-models';
import { CONTEXT_MAX_AGE_MS } from '../evaluations/ballot-context';
import { Aggregates } from '../infrastructure/aggregates';

export class LinkStandingQuery extends Query<LinkStanding> {
  constructor(readonly campaignId: string, readonly creditCode: string, readonly issuedAtMs: number, readonly expiresAtMs?: number) {
    super();
  }
}

@QueryHandler(LinkStandingQuery)
export class LinkStandingHandler implements IQueryHandler<LinkStandingQuery> {
  constructor(private readonly aggregates: Aggregates) {}

  async execute({ campaignId, creditCode, issuedAtMs, expiresAtMs }: LinkStandingQuery) {
    // No cache age: a revocation made by another process (the CLI) must hold from its next request.
    const [{ state }, campaign] = await Promise.all([
      this.aggregates.load(streams.invitations(campaignId), invitationDecider),
      // The closing only moves later (an extension), so a second-old copy is safe to bound the link by.
      this.aggregates.load(streams.campaign(campaignId), campaignDecider, CONTEXT_MAX_AGE_MS),
    ]);
    const closesAtMs = campaign.state.exists ? Date.parse(campaign.state.definition.closesAt) : undefined;
    const limits = expiresAtMs !== undefined && closesAtMs !== undefined ? { expiresAtMs, closesAtMs } : undefined;
    return linkStanding(state, campaignId, creditCode, issuedAtMs, limits);
  }
}

export interface DirectoryFilter {
  district?: string[];
  industry?: string[];
  size?: string[];
}

/** Registered enterprises, ordered by credit code, optionally only those of some districts, industries, sizes. */
export class DirectoryQuery extends Query<DirectoryDoc[]> {
  constructor(readonly filter: DirectoryFilter = {}) {
    super();
  }
}

@QueryHandler(DirectoryQuery)
export class DirectoryHandler implements IQueryHandler<DirectoryQuery> {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: DocumentReads) {}

  async execute({ filter }: DirectoryQuery) {
    const all = await this.readModels.list<DirectoryDoc>(DIRECTORY);
    const keep = (values: string[] | undefined, value: string) => !values?.length || values.includes(value);
    return all.filter((e) => keep(filter.district, e.district) && keep(filter.industry, e.industry) && keep(filter.size, e.size));
  }
}
