/**
 * Every route the Nest app serves, read from its controllers' metadata (the same metadata Nest
 * registers them from), so a suite that must reach every route does not keep its own list.
 */
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';

export interface Route {
  method: string;
  /** With Nest's `:param` placeholders, e.g. /v1/campaigns/:id/evaluations/:agencyId. */
  path: string;
  /** The roles its guard lets through (`@Allow`); empty for a public route. */
  roles: string[];
  /** The controller class that declares it. */
  controller: object;
}

/** The metadata key of `@Allow(...)` (apps/api/src/http/auth.ts). */
const ALLOWED = 'survey:allowed-roles';

const join = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;

export function routesOf(app: INestApplication): Route[] {
  const routes: Route[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: unknown[]) => unknown) | null;
      if (!controller) continue;
      const bases = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue; // the class itself carries the base path
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (paths === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const roles = (Reflect.getMetadata(ALLOWED, handler) ?? Reflect.getMetadata(ALLOWED, controller) ?? []) as string[];
        for (const base of bases) for (const path of [paths].flat()) routes.push({ method, path: join(base, path), roles, controller });
      }
    }
  }
  return routes;
}
