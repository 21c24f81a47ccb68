import { EXIT, progress, UsageError } from './conventions';
import { InvalidArgumentError } from 'commander';

/** A stderr that is not a terminal (a log file, CI), recording what is written. */
function logStream() {
  const lines: string[] = [];
  const stream = { isTTY: false, write: (s: string) => (lines.push(s), true) } as unknown as NodeJS.WriteStream;
  return { stream, lines };
}

describe('CLI conventions', () => {
  it('has one set of exit codes', () => {
    expect(EXIT).toEqual({ ok: 0, failed: 1, usage: 2, interrupted: 130 });
    expect(new UsageError('x')).toBeInstanceOf(InvalidArgumentError); // main.ts prints it as one line and exits 2
  });

  it('writes plain progress lines, at most one a second, with rate and ETA, when stderr is not a terminal', () => {
    const now = jest.spyOn(Date, 'now');
    try {
      now.mockReturnValue(10_000);
      const { stream, lines } = logStream();
      const bar = progress('rebuild reports', 'events', stream);
      bar.update(1000, 5000); // a resumed task: its rate counts from here
      now.mockReturnValue(10_500);
      bar.update(2000, 5000);
      now.mockReturnValue(12_000);
      bar.update(3000, 6000);
      bar.stop();
      expect(lines).toEqual([
        'rebuild reports: 1,000/5,000 events, 0 events/s, ETA ?\n',
        'rebuild reports: 3,000/6,000 events, 1,000 events/s, ETA 3 s\n',
      ]);
    } finally {
      now.mockRestore();
    }
  });
});
