/**
 * `survey invite`'s work, shared with the demo: bring the `directory` read model up to the log's
 * head, pick the registered enterprises (all, or those of some districts, industries, sizes),
 * record their invitations through the command bus, and make each one's personal link:
 * `${PUBLIC_URL}/q#t=<token>`, the token in the fragment so that it never reaches a server log.
 */
import { randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AppConfig, CommandMeta, DirectoryFilter, DirectoryQuery, IssueInvitationsCommand, signInvitationToken } from '@survey/application';
import { EVENT_STORE, EventStore } from '@survey/event-store';
import { CSV_BOM, csvRow } from '@survey/reporting';
import { directoryProjection, DirectoryDoc, Projector, READ_MODEL_STORE, ReadModelStore } from '@survey/read-models';

export interface InviteOptions {
  filter: DirectoryFilter;
  graceDays: number;
  meta: CommandMeta;
}

export interface InvitationLink {
  enterprise: DirectoryDoc;
  link: string;
}

export interface InviteResult {
  links: InvitationLink[];
  /** How many of them got a new InvitationsIssued (the others' earlier links still stand too). */
  fresh: number;
  expiresAt: string;
}

export async function invite(app: INestApplicationContext, config: AppConfig, campaignId: string, options: InviteOptions): Promise<InviteResult> {
  await catchUpDirectory(app);
  const enterprises = await app.get(QueryBus).execute(new DirectoryQuery(options.filter));
  const creditCodes = enterprises.map((e) => e.creditCode);
  const { fresh, issuedAt, expiresAt } = await app
    .get(CommandBus)
    .execute(new IssueInvitationsCommand({ campaignId, creditCodes, graceDays: options.graceDays }, options.meta));
  const issuedAtMs = Date.parse(issuedAt);
  const links = enterprises.map((enterprise) => {
    const token = signInvitationToken({ creditCode: enterprise.creditCode, campaignId, issuedAtMs, expiresAt, id: randomUUID() }, config.jwtSecret);
    return { enterprise, link: `${config.publicUrl}/q#t=${token}` };
  });
  return { links, fresh, expiresAt };
}

/**
 * The directory may be behind (no API or projector running, or one just started): fold it up to
 * the head here. Folding it a second time beside another runner is harmless (see the projection).
 */
async function catchUpDirectory(app: INestApplicationContext): Promise<void> {
  const events = app.get<EventStore>(EVENT_STORE);
  const readModels = app.get<ReadModelStore>(READ_MODEL_STORE);
  const head = await events.headPosition();
  if ((await readModels.checkpoint(directoryProjection.name)).position >= head) return;
  const projector = new Projector(events, readModels, directoryProjection);
  await projector.start();
  try {
    await projector.waitFor(head, 300_000);
  } finally {
    await projector.stop();
  }
}

/**
 * For mail merge: UTF-8 with a BOM (so spreadsheet programs read the Chinese names right), CRLF rows,
 * through the one CSV writer, so that a name such as `=HYPERLINK(…)` reaches the sheet as text.
 */
export function invitationsCsv(links: InvitationLink[]): string {
  const rows = links.map(({ enterprise: e, link }) => csvRow([e.creditCode, e.name, e.district, link]));
  return CSV_BOM + csvRow(['credit_code', 'name', 'district', 'link']) + rows.join('');
}
