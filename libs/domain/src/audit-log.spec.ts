import { auditDay, auditLogDecider, parseAuditDay, RecordAuditRead } from './audit-log';
import { Invalid } from './errors';
import { specFor } from './testing/given';

const given = specFor(auditLogDecider, () => undefined);
const read = { via: 'http' as const, what: 'ballot-history', request: 'GET /v1/audit/campaigns/xz-2019/ballots/91310110666007217T', status: 200 };
const record: RecordAuditRead = { type: 'RecordAuditRead', data: read };

describe('audit-read log', () => {
  it('records every read, however many came before', () => {
    given([]).when(record).then([{ type: 'AuditRead', data: read }]);
    given([{ type: 'AuditRead', data: read }]).when(record).then([{ type: 'AuditRead', data: read }]);
  });

  it('files a read under its UTC day', () => {
    expect(auditDay(new Date('2019-12-31T23:59:59.999Z'))).toBe('2019-12-31');
    expect(auditDay(new Date('2020-01-01T07:59:59+08:00'))).toBe('2019-12-31');
  });

  it('accepts calendar days only', () => {
    expect(parseAuditDay('2020-02-29')).toBe('2020-02-29');
    for (const bad of ['2019-02-29', '2019-13-01', '2019-1-01', '20190101', '2019-01-01T00:00:00Z', '']) {
      expect(() => parseAuditDay(bad)).toThrow(Invalid);
    }
  });
});
