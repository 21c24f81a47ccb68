/**
 * The logger of the long-running processes (the API, apps/projector): Nest's console logger with
 * warnings and errors (every 5xx, storage going away and coming back, projection failures), in
 * colour on a terminal only, so that a log file holds no escape codes.
 */
import { ConsoleLogger } from '@nestjs/common';

export function processLogger(): ConsoleLogger {
  return new ConsoleLogger({ logLevels: ['warn', 'error'], colors: Boolean(process.stdout.isTTY && process.stderr.isTTY) });
}
