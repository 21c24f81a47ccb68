/**
 * After the two finished campaigns, the demo opens this year's, live by the real clock, and
 * invites every enterprise to it through `survey invite`'s own code, so that a newcomer can open
 * one enterprise's printed link and rate agencies in a browser at once. It leaves the 2018 and
 * 2019 figures alone: reports compare a campaign with the one of the greatest earlier year.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AppConfig, ManualClock, OpenCampaignCommand, systemMeta } from '@survey/application';
import { Conflict } from '@survey/domain';
import { invitationsCsv, invite, InvitationLink } from '../invite/invite';
import type { DemoPlan } from './demo-plan';
import { timed } from './demo-timing';

const DAY_MS = 86_400_000;
const OPEN_DAYS = 60;

export interface LiveCampaign {
  campaignId: string;
  closesAt: string;
  /** The first enterprise's link; null when the campaign has closed since an earlier run. */
  sample: InvitationLink | null;
  links: number;
  csv: string;
}

export async function openLiveCampaign(app: INestApplicationContext, config: AppConfig, clock: ManualClock, plan: DemoPlan): Promise<LiveCampaign> {
  const now = new Date();
  if (now.getTime() > clock.now().getTime()) clock.set(now);
  const year = now.getUTCFullYear();
  const campaignId = `xz-${year}`;
  const opensAt = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const closesAt = new Date(opensAt.getTime() + OPEN_DAYS * DAY_MS).toISOString();
  const meta = { ...systemMeta(), actor: { role: 'admin' as const, sub: 'demo-admin' } };
  const definition = {
    campaignId, year, title: `${year}年度徐州市营商环境企业满意度评议`, opensAt: opensAt.toISOString(), closesAt, agencies: plan.agencies,
  };
  try {
    await app.get(CommandBus).execute(new OpenCampaignCommand(definition, meta));
  } catch (error) {
    if (!(error instanceof Conflict)) throw error; // opened by an earlier run
  }
  const csv = join(config.dataDir, `invitations-${campaignId}.csv`);
  try {
    const result = await timed('live campaign: invite', () => invite(app, config, campaignId, { filter: {}, graceDays: 7, meta }));
    await timed('live campaign: csv', async () => writeFileSync(csv, invitationsCsv(result.links)));
    return { campaignId, closesAt, sample: result.links[0] ?? null, links: result.links.length, csv };
  } catch (error) {
    if (!(error instanceof Conflict)) throw error; // closed since an earlier run
    return { campaignId, closesAt, sample: null, links: 0, csv };
  }
}
