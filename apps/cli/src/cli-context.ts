/**
 * The one way a `survey` command (and a test of one) gets the application: a Nest application
 * context of CliModule on the configured stores, warnings and errors logged, and closed when the
 * work is done, whether it succeeded or not (stores closed, replay threads ended).
 */
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { AppConfig } from '@survey/application';
import { CliModule, CliModuleOptions } from './cli.module';

export interface CliContextOptions extends CliModuleOptions {
  /** false: silent (tests). */
  logger?: false;
}

export function cliContext(config: AppConfig, options: CliContextOptions = {}): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(CliModule.forRoot(config, options), { logger: options.logger ?? ['warn', 'error'] });
}

export async function withCliContext<T>(config: AppConfig, work: (app: INestApplicationContext) => Promise<T>, options: CliContextOptions = {}): Promise<T> {
  const app = await cliContext(config, options);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
