/** Answers the request policy as configured (../config/request-config.ts): what /r offers and what the deadlines are. */
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { RequestConfig } from '../config/request-config';
import { RequestCategoriesQuery } from './request-categories.query';
import { RequestRuntime } from './request-runtime';

@QueryHandler(RequestCategoriesQuery)
export class RequestCategoriesHandler implements IQueryHandler<RequestCategoriesQuery> {
  constructor(private readonly runtime: RequestRuntime) {}

  async execute(): Promise<RequestConfig> {
    const { categories, dispatchDays, acceptDays, maxExtensionDays, rateDays } = this.runtime.config;
    return { categories, dispatchDays, acceptDays, maxExtensionDays, rateDays };
  }
}
