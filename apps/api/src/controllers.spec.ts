/**
 * The HTTP edge holds no store: every controller the API module reaches, in any module it imports,
 * dispatches on the command and query buses (readiness and the pages' own files aside), so no
 * route reads a read model or the log behind the handlers' back.
 */
import 'reflect-metadata';
import { DynamicModule, Type } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AppConfig, Readiness } from '@survey/application';
import { ApiModule } from './api.module';
import { ApiDescription } from './docs/docs.controller';
import { PageFolder } from './pages/page-folder';
import { WebAssets } from './web/web-assets';

/** The buses, readiness, the dashboard's files and the API's description (../docs). */
const MAY_INJECT = new Set<unknown>([CommandBus, QueryBus, Readiness, WebAssets, ApiDescription]);
/** A page folder (its static files, one mechanism for every page) is not a store either. */
const isPageFolder = (type: unknown) => typeof type === 'function' && type.prototype instanceof PageFolder;

type ModuleRef = Type<unknown> | DynamicModule;

/** Every controller of a module and of the modules it imports, however deep. */
function controllersOf(module: ModuleRef, seen = new Set<unknown>()): Type<unknown>[] {
  const type = 'module' in module ? module.module : module;
  if (seen.has(module)) return [];
  seen.add(module);
  const dynamic: Partial<DynamicModule> = 'module' in module ? module : {};
  const own: Type<unknown>[] = [...(Reflect.getMetadata('controllers', type) ?? []), ...(dynamic.controllers ?? [])];
  const imports: ModuleRef[] = [...(Reflect.getMetadata('imports', type) ?? []), ...((dynamic.imports ?? []) as ModuleRef[])];
  return [...own, ...imports.flatMap((m) => controllersOf(m, seen))];
}

const controllers = controllersOf(ApiModule.forRoot({ inProcessProjector: true } as AppConfig));

describe('the API controllers', () => {
  it('are found: the routes of every feature and the pages', () => {
    const names = controllers.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['CampaignsController', 'PublicController', 'HealthController', 'WebController', 'PublishedCampaignsController', 'QuestionnaireController', 'WorkbenchController', 'RequestPageController']));
  });

  it.each(controllers.map((c) => [c.name, c] as const))('%s injects the buses (or readiness, or the pages), never a store', (_name, controller) => {
    // A store is injected by its token (@Inject(READ_MODEL_STORE)), which Nest records here.
    expect(Reflect.getMetadata('self:paramtypes', controller) ?? []).toEqual([]);
    const injected: unknown[] = Reflect.getMetadata('design:paramtypes', controller) ?? [];
    expect(injected.filter((type) => !MAY_INJECT.has(type) && !isPageFolder(type))).toEqual([]);
  });
});
