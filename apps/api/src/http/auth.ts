/**
 * Bearer-JWT authentication and role checks, as one global guard (token rules in
 * @survey/application's tokens.ts); an enterprise's identity is taken from the token only.
 */
import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata, UnauthorizedException, ForbiddenException, Inject, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, Principal, Role, ROLES, TokenError, VerifiedTokens } from '@survey/application';
import { checkInvitation } from './invitation-check';
import { correlate } from './meta';


/** The metadata key of `@Allow` (the OpenAPI description reads it too: ../docs/api-description.ts). */
export const ALLOWED = 'survey:allowed-roles';
/** Who may call a route; a route without it is public. */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED, roles);
export const ANY_ROLE = ROLES;

type Authenticated = FastifyRequest & { principal?: Principal };
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<Authenticated>().principal!;
});

@Injectable()
export class AuthGuard implements CanActivate {
  /** A caller's next request with the same token skips the JWT work, until the token's exp. */
  private readonly tokens: VerifiedTokens;

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) config: AppConfig,
    // Absent where no command side runs (bench's no-op server): invitation links are then refused.
    @Optional() private readonly queries?: QueryBus,
  ) {
    this.tokens = new VerifiedTokens(config.jwtSecret, { maxLifetimeDays: config.tokenMaxLifetimeDays });
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED, [context.getHandler(), context.getClass()]);
    if (!allowed) return true;
    const request = context.switchToHttp().getRequest<Authenticated>();
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer ([^\s]+)$/i);
    if (!match) throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <JWT>)');
    let principal: Principal;
    try {
      principal = this.tokens.verify(match[1]);
    } catch (e) {
      if (e instanceof TokenError) throw new UnauthorizedException(e.message);
      throw e;
    }
    if (!allowed.includes(principal.role)) throw new ForbiddenException(`role ${principal.role} may not do this (allowed: ${allowed.join(', ')})`);
    request.principal = principal;
    correlate(principal, request.id);
    // Only invitation links pay for a look at the log; other tokens stay on the synchronous path.
    return principal.invitation ? checkInvitation(this.queries, request, principal) : true;
  }
}
