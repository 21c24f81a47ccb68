/**
 * Builds the Nest application on Fastify with everything the HTTP edge shares: the 64 KiB body
 * limit, the validation pipe, problem+json for every error (Nest's and Fastify's own), and
 * shutdown hooks so SIGTERM drains requests before the stores close.
 */
import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { ProblemFilter } from './problem.filter';
import { validationPipe } from './validation';

export const BODY_LIMIT = 64 * 1024;

export async function createHttpApp(module: DynamicModule | Type<unknown>, options: { logger?: boolean } = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: BODY_LIMIT, forceCloseConnections: 'idle' });
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, {
    logger: options.logger === false ? false : ['warn', 'error'],
    abortOnError: false,
    bodyParser: false,
  });
  app.useGlobalPipes(validationPipe);
  app.useGlobalFilters(new ProblemFilter());
  // JSON only: any other media type is a 415 (Fastify's errors reach the ProblemFilter through Nest).
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, fastify.getDefaultJsonParser('error', 'error'));
  app.enableShutdownHooks();
  return app;
}

export type { INestApplication };
