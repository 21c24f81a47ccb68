/**
 * The one way a `survey` command (and a test of one) gets the application: a Nest application
 * context of CliModule on the configured stores, its diagnostics (warnings and errors, or what
 * LOG_LEVEL asks) logged as JSON lines on stderr, pretty on a terminal, so stdout holds only the
 * command's results; closed when the work is done, whether it succeeded or not (stores closed,
 * replay threads ended).
 */
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import pino from 'pino';
import { logLevel, ObservabilityModule, ProcessLogger, rootLogger, secretsOf } from '@survey/application';
import type { AppConfig, Logger } from '@survey/application';
import { CliModule, CliModuleOptions } from './cli.module';

export interface CliContextOptions extends CliModuleOptions {
  /** false: silent (tests). */
  logger?: false;
}

/**
 * The CLI's logger: stderr, warnings and errors unless LOG_LEVEL is set (a command's own
 * progress and outcome lines are its output, written apart: ./conventions.ts).
 */
export function cliLogger(env: Record<string, string | undefined> = process.env): Logger {
  let level: ReturnType<typeof logLevel> = 'warn';
  try {
    if (env.LOG_LEVEL) level = logLevel(env);
  } catch {
    // a bad LOG_LEVEL is reported by loadConfig, in its one line
  }
  return rootLogger({ process: 'cli', fd: 2, level, secrets: secretsOf(env) });
}

export async function cliContext(config: AppConfig, options: CliContextOptions = {}): Promise<INestApplicationContext> {
  const log = options.logger === false ? pino({ level: 'silent' }) : cliLogger();
  @Module({ imports: [CliModule.forRoot(config, options), ObservabilityModule.forRoot(log)] })
  class CliRoot {}
  const app = await NestFactory.createApplicationContext(CliRoot, { logger: false, abortOnError: false });
  app.useLogger(options.logger === false ? false : app.get(ProcessLogger));
  return app;
}

export async function withCliContext<T>(config: AppConfig, work: (app: INestApplicationContext) => Promise<T>, options: CliContextOptions = {}): Promise<T> {
  const app = await cliContext(config, options);
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
