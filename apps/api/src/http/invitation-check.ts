/**
 * What the guard checks on a request that carries an invitation link's token (claims `cid`, `inv`):
 * the link works for its own campaign only, and not once it has been revoked, nor when its `exp`
 * (already checked with the signature) lies more than 30 days after the campaign's closing.
 */
import { ForbiddenException, UnauthorizedException } from '@nestjs/common';
import type { QueryBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { LinkStandingQuery, Principal } from '@survey/application';

export async function checkInvitation(queries: QueryBus | undefined, request: FastifyRequest, principal: Principal): Promise<boolean> {
  const { campaignId, issuedAtMs, expiresAtMs } = principal.invitation!;
  if (!queries) throw new UnauthorizedException('invitation links are not accepted by this server');
  const routeCampaign = (request.params as Record<string, string> | undefined)?.id;
  if (request.routeOptions.url?.startsWith('/v1/campaigns/:id') && routeCampaign !== campaignId) {
    throw new ForbiddenException(`this invitation link is for campaign ${campaignId} only`);
  }
  const standing = await queries.execute(new LinkStandingQuery(campaignId, principal.sub, issuedAtMs, expiresAtMs));
  if (!standing.valid) throw new UnauthorizedException(standing.detail);
  return true;
}
