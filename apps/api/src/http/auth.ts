/**
 * Bearer-JWT authentication and role checks, as one global guard. HS256 only (the algorithm is
 * pinned, so `alg: none` or RS256 tokens are refused), `exp` required, 30 s clock skew; an
 * enterprise's identity is its credit code in `sub` and is taken from the token only.
 */
import { CanActivate, createParamDecorator, ExecutionContext, Injectable, SetMetadata, UnauthorizedException, ForbiddenException, Inject } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import jwt from 'jsonwebtoken';
import { isCreditCode } from '@survey/domain';
import { APP_CONFIG, AppConfig } from '../config/config';

export const ROLES = ['enterprise', 'analyst', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export interface Principal {
  role: Role;
  sub: string;
}

const ALLOWED = 'survey:allowed-roles';
/** Who may call a route; a route without it is public. */
export const Allow = (...roles: Role[]) => SetMetadata(ALLOWED, roles);
export const ANY_ROLE = ROLES;

type Authenticated = FastifyRequest & { principal?: Principal };
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToHttp().getRequest<Authenticated>().principal!;
});

export function verifyToken(token: string, secret: string): Principal {
  let claims: jwt.JwtPayload | string;
  try {
    claims = jwt.verify(token, secret, { algorithms: ['HS256'], clockTolerance: 30 });
  } catch (e) {
    throw new UnauthorizedException(`invalid token: ${(e as Error).message}`);
  }
  if (typeof claims !== 'object') throw new UnauthorizedException('invalid token: claims must be a JSON object');
  if (typeof claims.exp !== 'number') throw new UnauthorizedException('invalid token: exp is required');
  if (!ROLES.includes(claims.role)) throw new UnauthorizedException(`invalid token: role must be one of ${ROLES.join(', ')}`);
  if (typeof claims.sub !== 'string' || !claims.sub) throw new UnauthorizedException('invalid token: sub is required');
  if (claims.role === 'enterprise' && !isCreditCode(claims.sub)) {
    throw new UnauthorizedException('invalid token: an enterprise sub must be a valid credit code (GB 32100-2015)');
  }
  return { role: claims.role, sub: claims.sub };
}

export function signToken(principal: Principal, secret: string, expiresInSeconds = 3600): string {
  return jwt.sign({ role: principal.role }, secret, { algorithm: 'HS256', subject: principal.sub, expiresIn: expiresInSeconds });
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED, [context.getHandler(), context.getClass()]);
    if (!allowed) return true;
    const request = context.switchToHttp().getRequest<Authenticated>();
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer ([^\s]+)$/i);
    if (!match) throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <JWT>)');
    const principal = verifyToken(match[1], this.config.jwtSecret);
    if (!allowed.includes(principal.role)) throw new ForbiddenException(`role ${principal.role} may not do this (allowed: ${allowed.join(', ')})`);
    request.principal = principal;
    return true;
  }
}
