/**
 * Records every read an auditor makes (a route marked @AuditedRead) in the audit-read log, whatever
 * its answer: a 404 says something too. The record is durable before the answer leaves, so no data
 * is shown unrecorded; if recording fails, the read fails. Requests refused before reading anything
 * are not recorded: by the guards (401, 403, 429), for their input (400, 422: a malformed credit
 * code, a bad query parameter), so that bad input leaves the log as it was, or for want of a free
 * replay worker (503: nothing was replayed or shown).
 */
import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { Principal, RecordAuditReadCommand, TryLater } from '@survey/application';
import { DomainError } from '@survey/domain';
import { metaOf } from '../http/meta';
import { STATUS_OF } from '../http/problem.filter';

const WHAT = 'survey:audited-read';
/** Marks a route as an audit read, named by `what` in the log. */
export const AuditedRead = (what: string) => SetMetadata(WHAT, what);

const NOTHING_READ = new Set([400, 422, 429, 503]);
const statusOf = (error: unknown): number =>
  error instanceof HttpException ? error.getStatus() : error instanceof DomainError ? STATUS_OF[error.kind] : error instanceof TryLater ? error.status : 500;

@Injectable()
export class AuditReadInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly commands: CommandBus,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const what = this.reflector.get<string | undefined>(WHAT, context.getHandler());
    if (!what) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal: Principal }>();
    const record = (status: number) =>
      this.commands.execute(new RecordAuditReadCommand({ via: 'http', what, request: `${request.method} ${request.url}`, status }, metaOf(request.principal)));
    return from((async () => {
      let result: unknown;
      try {
        result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      } catch (error) {
        const status = statusOf(error);
        if (!NOTHING_READ.has(status)) await record(status);
        throw error;
      }
      await record(200);
      return result;
    })());
  }
}
