import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { campaignDecider, invitationDecider, linkStanding, streams } from '@survey/domain';
import { CONTEXT_MAX_AGE_MS } from '../ballots/ballot-context';
import { Aggregates } from '../runtime/aggregates';
import { LinkStandingQuery } from './link-standing.query';

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
