/**
 * The CLI side of `survey invite <campaignId>` and `survey invite revoke`: the application context
 * on the configured stores, the CSV of links (a file, or stdout), and a one-line summary on stderr.
 * Projections stay with the API or apps/projector; invite folds only the directory it needs (./invite.ts).
 */
import { writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { CommandBus } from '@nestjs/cqrs';
import { AppConfig, CommandMeta, DirectoryFilter, RevokeInvitationCommand } from '@survey/application';
import { DomainError } from '@survey/domain';
import { withCliContext } from '../cli-context';
import { invite, invitationsCsv } from './invite';
import { tell } from '../conventions';

const cliMeta = (): CommandMeta => ({ actor: { role: 'admin', sub: `cli:${operator()}` }, correlationId: randomUUID() });

/** A domain refusal (no such campaign, campaign closed, not invited) is one line and exit code 1. */
async function refusalsAsExitCode(work: () => Promise<void>): Promise<number> {
  try {
    await work();
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    tell(`survey invite: ${error.message}`);
    return 1;
  }
}

export function runInvite(config: AppConfig, campaignId: string, options: { filter: DirectoryFilter; graceDays: number; out?: string }): Promise<number> {
  return refusalsAsExitCode(() =>
    withCliContext(config, async (app) => {
      const result = await invite(app, config, campaignId, { filter: options.filter, graceDays: options.graceDays, meta: cliMeta() });
      if (result.links.length === 0) throw new NoneMatched();
      const csv = invitationsCsv(result.links);
      if (options.out) writeFileSync(options.out, csv);
      else process.stdout.write(csv);
      tell(
        `${campaignId}: ${result.links.length} links (${result.fresh} newly invited), valid until ${result.expiresAt}` +
          (options.out ? `, written to ${options.out}` : ''),
      );
    }),
  );
}

class NoneMatched extends DomainError {
  readonly kind = 'not_found' as const;
  constructor() {
    super('no registered enterprise matches: import enterprises first, or loosen --district / --industry / --size');
  }
}

export function runRevoke(config: AppConfig, campaignId: string, creditCode: string, reason: string): Promise<number> {
  return refusalsAsExitCode(() =>
    withCliContext(config, async (app) => {
      const { revokedAt } = await app.get(CommandBus).execute(new RevokeInvitationCommand({ campaignId, creditCode, reason }, cliMeta()));
      tell(`${campaignId}: the links of ${creditCode} issued until ${revokedAt} are revoked`);
    }),
  );
}

function operator(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown'; // no passwd entry for this uid, as in some containers
  }
}
