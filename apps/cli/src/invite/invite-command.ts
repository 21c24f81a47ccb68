/** `survey invite <campaignId>` and `survey invite revoke <campaignId> <creditCode> --reason …`. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { AppConfig, ConfigError, loadConfig } from '@survey/application';
import { creditCodeProblem, INVITATION_MAX_GRACE_DAYS } from '@survey/domain';
import { demoSecret } from '../demo/demo-secret';
import { usageExits2 } from '../conventions';
import { runInvite, runRevoke } from './run-invite';

/** The API refuses a link valid longer than this after closing: do not issue one. */
const graceDays = (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) > INVITATION_MAX_GRACE_DAYS) throw new InvalidArgumentError(`must be a whole number of days from 0 to ${INVITATION_MAX_GRACE_DAYS}`);
  return Number(value);
};

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];

/** SURVEY_JWT_SECRET, or the demo's secret when the demo made one: links signed otherwise would not open. */
export function inviteConfig(): AppConfig {
  const base = loadConfig(process.env, { requireSecret: false });
  if (!process.env.SURVEY_JWT_SECRET && !existsSync(join(base.dataDir, 'demo-jwt-secret'))) {
    throw new ConfigError('SURVEY_JWT_SECRET', 'is required (the secret the API verifies the links with)');
  }
  if (process.env.SURVEY_JWT_SECRET) loadConfig(process.env); // validates its length
  return { ...base, jwtSecret: demoSecret(base.dataDir), publicUrl: base.publicUrl.replace(/\/+$/, '') };
}

export function inviteCommand(): Command {
  const invite = new Command('invite')
    .description('issue personal questionnaire links to registered enterprises, as CSV for mail merge')
    .argument('<campaignId>', 'an open or scheduled campaign')
    .option('--district <names>', 'only these districts (comma-separated, repeatable)', list)
    .option('--industry <letters>', 'only these GB/T 4754 sections (comma-separated, repeatable)', list)
    .option('--size <sizes>', 'only these sizes: micro, small, medium, large (comma-separated, repeatable)', list)
    .option('--out <file.csv>', 'write the CSV here instead of stdout')
    .option('--grace-days <n>', `days after closing that a link still opens (to see the answers), at most ${INVITATION_MAX_GRACE_DAYS}`, graceDays, 7)
    .addHelpText('after', [
      '',
      'Each link is ${PUBLIC_URL}/q#t=<token>: a signed enterprise token (role enterprise, sub the credit',
      'code, cid the campaign, exp = closesAt + grace days) in the fragment, which browsers never send.',
      'CSV columns: credit_code,name,district,link (UTF-8 with BOM). Running it again records only what',
      'changed; the earlier links keep working until they expire or are revoked.',
      'Exit code: 0 done, 1 refused (no such campaign, campaign closed, nobody matches), 2 usage.',
    ].join('\n'))
    .action(async (campaignId: string, opts: { district?: string[]; industry?: string[]; size?: string[]; out?: string; graceDays: number }) => {
      const filter = { district: opts.district, industry: opts.industry, size: opts.size };
      process.exitCode = await runInvite(inviteConfig(), campaignId, { filter, graceDays: opts.graceDays, out: opts.out });
    });

  invite
    .command('revoke')
    .description("revoke an enterprise's links to a campaign: they get 401 from then on (a later `survey invite` issues a new one)")
    .argument('<campaignId>')
    .argument('<creditCode>')
    .requiredOption('--reason <text>', 'why (1-500 characters), kept in the event')
    .action(async (campaignId: string, creditCode: string, opts: { reason: string }) => {
      const problem = creditCodeProblem(creditCode);
      if (problem) throw new InvalidArgumentError(`${creditCode}: ${problem}`);
      process.exitCode = await runRevoke(loadConfig(process.env, { requireSecret: false }), campaignId, creditCode, opts.reason);
    });
  usageExits2(invite);
  invite.commands.forEach(usageExits2);
  return invite;
}
