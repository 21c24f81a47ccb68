/**
 * Request rates, counted in this process's memory by rate-limiter-flexible: writes per token
 * subject (enterprises at one rate, analysts, auditors and admins at another), log replays (as-of
 * reports, verification) per subject, and routes without a token per client IP; `/v1/health*`
 * never. A refused request gets 429 problem+json with Retry-After (TryLater). It is a global guard
 * placed after AuthGuard, so the subject is that of a verified token.
 */
import { CanActivate, ExecutionContext, Inject, Injectable, Optional, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { APP_CONFIG, AppConfig, DEFAULT_LIMITS, MetricsService, Principal, Rate, RateLimits, TryLater } from '@survey/application';

/** The metadata key of the decorators below (the OpenAPI description reads it too). */
export const KIND = 'survey:rate-limit';
export type RouteKind = 'replays' | 'replays-as-of' | 'unlimited';
/** Every call of the route replays the log (verification). */
export const ReplaysTheLog = () => SetMetadata(KIND, 'replays');
/** The route replays the log when asked for a past time (`?asOf=`). */
export const ReplaysAsOf = () => SetMetadata(KIND, 'replays-as-of');
/** Never limited: health checks must answer whatever a client does. */
export const Unlimited = () => SetMetadata(KIND, 'unlimited');

interface Limiter {
  consume(key: string): Promise<unknown>;
}

/**
 * `points` per window; a burst above that is rate-limiter-flexible's BurstyRateLimiter: a second
 * allowance of `burst - points`, drawn on only once the window's points are spent and refilled
 * every minute (every hour for a rate per minute), so the steady rate stays close to `points`.
 */
function limiterOf(name: string, rate: Rate | null): { name: string; rate: Rate; limiter: Limiter } | null {
  if (!rate) return null;
  const steady = new RateLimiterMemory({ keyPrefix: name, points: rate.points, duration: rate.seconds });
  if (rate.burst === rate.points) return { name, rate, limiter: steady };
  const extra = new RateLimiterMemory({ keyPrefix: `${name}-burst`, points: rate.burst - rate.points, duration: 60 * rate.seconds });
  return { name, rate, limiter: new BurstyRateLimiter(steady, extra) };
}

const spelled = (rate: Rate) => `${rate.points} a ${rate.seconds === 1 ? 'second' : 'minute'}${rate.burst > rate.points ? `, bursts of ${rate.burst}` : ''}`;
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

type Authenticated = FastifyRequest & { principal?: Principal };

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limits: Record<keyof RateLimits, ReturnType<typeof limiterOf>>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
    @Optional() private readonly metrics?: MetricsService,
  ) {
    const rates = config.rateLimits ?? DEFAULT_LIMITS.rateLimits;
    this.limits = {
      enterpriseWrites: limiterOf('enterprise-writes', rates.enterpriseWrites),
      staffWrites: limiterOf('staff-writes', rates.staffWrites),
      replays: limiterOf('replays', rates.replays),
      publicPerIp: limiterOf('public', rates.publicPerIp),
    };
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const kind = this.reflector.getAllAndOverride<RouteKind | undefined>(KIND, [context.getHandler(), context.getClass()]);
    if (kind === 'unlimited') return true;
    const request = context.switchToHttp().getRequest<Authenticated>();
    const [which, key, what] = this.classify(kind, request);
    const limit = which && this.limits[which];
    if (!limit) return true;
    return limit.limiter.consume(key).then(
      () => true,
      (refusal: unknown) => {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        this.metrics?.rateLimitRefused(limit.name);
        throw new TryLater(429, `too many ${what} (at most ${spelled(limit.rate)}): try again in a moment`, refusal.msBeforeNext);
      },
    );
  }

  /** Which budget a request draws on, under which key, and how to name it in a refusal. */
  private classify(kind: RouteKind | undefined, request: Authenticated): [keyof RateLimits | null, string, string] {
    const who = request.principal;
    // AuthGuard sets a principal on every route that takes a token, so none means a public route.
    if (!who) return ['publicPerIp', request.ip, 'requests from this address'];
    const asOf = (request.query as Record<string, unknown> | undefined)?.asOf;
    if (kind === 'replays' || (kind === 'replays-as-of' && asOf !== undefined && asOf !== '')) return ['replays', who.sub, 'replays of the log by this subject'];
    if (READS.has(request.method)) return [null, '', ''];
    return who.role === 'enterprise' ? ['enterpriseWrites', who.sub, 'writes by this enterprise'] : ['staffWrites', who.sub, 'writes by this subject'];
  }
}
