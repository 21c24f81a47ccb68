/**
 * `survey link <creditCode>`: an enterprise's personal link to its requests page,
 * `${PUBLIC_URL}/r#t=<token>` — an enterprise token (no campaign: the request routes refuse an
 * invitation link), signed as `survey invite` signs its links (SURVEY_JWT_SECRET, or the demo's
 * secret), the token in the fragment so that it never reaches a server log. It lives as long as
 * the API accepts (TOKEN_MAX_LIFETIME_DAYS) unless --ttl says less.
 */
import { Command, InvalidArgumentError } from 'commander';
import { DEFAULT_TOKEN_MAX_LIFETIME_DAYS, signToken } from '@survey/application';
import { creditCodeProblem } from '@survey/domain';
import { say, usageExits2 } from '../conventions';
import { inviteConfig } from '../invite/invite-command';

const DAY_S = 86_400;

const seconds = (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be a whole number of seconds, at least 1');
  return Number(value);
};

export function linkCommand(): Command {
  return usageExits2(new Command('link'))
    .description("print an enterprise's personal link to its requests page (PUBLIC_URL/r#t=…)")
    .argument('<creditCode>', "the enterprise's unified social credit code")
    .option('--ttl <seconds>', 'lifetime in seconds (default and most: TOKEN_MAX_LIFETIME_DAYS, 30 days by default)', seconds)
    .action((creditCode: string, opts: { ttl?: number }) => {
      const problem = creditCodeProblem(creditCode);
      if (problem) throw new InvalidArgumentError(`${creditCode} ${problem}`);
      const config = inviteConfig();
      const maxSeconds = (config.tokenMaxLifetimeDays ?? DEFAULT_TOKEN_MAX_LIFETIME_DAYS) * DAY_S;
      if (opts.ttl !== undefined && opts.ttl > maxSeconds) throw new InvalidArgumentError(`--ttl must be at most ${maxSeconds} s (TOKEN_MAX_LIFETIME_DAYS)`);
      say(`${config.publicUrl}/r#t=${signToken({ role: 'enterprise', sub: creditCode }, config.jwtSecret, opts.ttl ?? maxSeconds)}`);
    });
}
