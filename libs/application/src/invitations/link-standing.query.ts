import { Query } from '@nestjs/cqrs';
import type { LinkStanding } from '@survey/domain';

/**
 * Whether an invitation link still stands: asked by the HTTP guard on every request that carries
 * one, so it reads only the events appended since its last look.
 */
export class LinkStandingQuery extends Query<LinkStanding> {
  constructor(readonly campaignId: string, readonly creditCode: string, readonly issuedAtMs: number, readonly expiresAtMs?: number) {
    super();
  }
}
