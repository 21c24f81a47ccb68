/**
 * What every process logs and measures with: ProcessLogger (nestjs-pino's Logger: a Nest LoggerService over the
 * process's pino logger; inside an HTTP request each line also carries the request's `reqId`, see
 * ./request-log-scope.ts) and the MetricsService. Global: the root module of each process imports it once.
 * nestjs-pino's LoggerModule is not imported: its middleware (pino-http) is what request-log-scope
 * replaces, so its providers are declared here.
 */
import { DynamicModule, Global, Module } from '@nestjs/common';
import { Params, PARAMS_PROVIDER_TOKEN, PinoLogger } from 'nestjs-pino';
import type { Logger } from './root-logger';
import { MetricsService } from './metrics.service';
import { ProcessLogger } from './process-logger';

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(logger: Logger, metrics: MetricsService = new MetricsService(false)): DynamicModule {
    // nestjs-pino's loggers log to `logger` outside a request, and to its child inside one.
    const params: Params = { pinoHttp: { logger } };
    return {
      module: ObservabilityModule,
      providers: [{ provide: PARAMS_PROVIDER_TOKEN, useValue: params }, PinoLogger, { provide: MetricsService, useValue: metrics }, ProcessLogger],
      exports: [MetricsService, ProcessLogger],
    };
  }
}
