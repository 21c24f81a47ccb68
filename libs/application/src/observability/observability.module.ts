/**
 * What every process logs and measures with: ProcessLogger (nestjs-pino's Logger: a Nest LoggerService over the
 * process's pino logger; inside an HTTP request each line also carries the request's `reqId`) and
 * the MetricsService. Global: the root module of each process imports it once.
 */
import { DynamicModule, Global, Module } from '@nestjs/common';
import { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from './root-logger';
import { MetricsService } from './metrics.service';
import { ProcessLogger } from './process-logger';

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(logger: Logger, metrics: MetricsService = new MetricsService(false)): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger,
            // Fastify's request id (X-Request-Id, and the correlationId of the events a request appends).
            genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
            customAttributeKeys: { reqId: 'reqId' },
            // Lines inside a request carry its id only; the request itself is logged once, when answered (the API's access log).
            quietReqLogger: true,
            autoLogging: false,
          },
        }),
      ],
      providers: [{ provide: MetricsService, useValue: metrics }, ProcessLogger],
      exports: [MetricsService, ProcessLogger],
    };
  }
}
