/**
 * A process's log as the built server writes it: one JSON object per line (pino). Lines that are
 * not JSON (there should be none) are kept as `{ msg: line, notJson: true }` so a test can see them.
 */
export interface LogLine {
  level?: string;
  time?: string;
  msg?: string;
  reqId?: string;
  context?: string;
  notJson?: true;
  [field: string]: unknown;
}

export function logLines(text: string): LogLine[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as LogLine;
      } catch {
        return { msg: line, notJson: true };
      }
    });
}

/** The messages of the lines at `level`, in order. */
export const messagesAt = (text: string, level: string) => logLines(text).filter((l) => l.level === level).map((l) => l.msg ?? '');
