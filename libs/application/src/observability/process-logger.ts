/**
 * The Nest LoggerService of every process: nestjs-pino's Logger, except that Nest's own start-up
 * chatter (every route mapped, every module loaded) is debug rather than info, so a process's info
 * lines are what it did: listening, requests answered, storage and projection events.
 */
import { Injectable } from '@nestjs/common';
import { Logger } from 'nestjs-pino';

const NEST_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

@Injectable()
export class ProcessLogger extends Logger {
  // nestjs-pino's signature: Nest passes the context last.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override log(message: any, ...optionalParams: any[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && NEST_START_UP.has(context)) return super.debug(message, ...optionalParams);
    return super.log(message, ...optionalParams);
  }
}
