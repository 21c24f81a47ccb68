import { agencyDecider, AgencyCommand } from './agency';
import type { AgencyEvent } from './events';
import { Invalid, NotFound } from './errors';
import { specFor } from './testing/given';

const now = new Date('2019-11-01T02:00:00.000Z');
const at = now.toISOString();
const given = specFor(agencyDecider, () => ({ now }));
const register = (name = '市税务局', agencyId = 'tax'): AgencyCommand => ({ type: 'RegisterAgency', data: { agencyId, name } });
const rename = (name: string): AgencyCommand => ({ type: 'RenameAgency', data: { agencyId: 'tax', name } });
const put = (name: string): AgencyCommand => ({ type: 'PutDirectoryAgency', data: { agencyId: 'tax', name } });
const directoryRegistered = (name = '市税务局', agencyId = 'tax'): AgencyEvent => ({ type: 'AgencyRegistered', data: { agencyId, name, at } });
const directoryRenamed = (name: string, previousName: string): AgencyEvent => ({ type: 'AgencyRenamed', data: { agencyId: 'tax', name, previousName, at } });

describe('agency directory', () => {
  it('registers an unknown agency, its name trimmed', () => given([]).when(register(' 市税务局 ')).then([directoryRegistered()]));
  it('registers an id that spells a prototype key like any other', () =>
    given([]).when(register('某局', '__proto__')).then([directoryRegistered('某局', '__proto__')]));
  it('leaves a known agency as it is when registering again (a campaign naming it otherwise)', () =>
    given([directoryRegistered()]).when(register('税务局')).then([]));
  it('renames a known agency, keeping the previous name', () => given([directoryRegistered()]).when(rename('国家税务总局徐州市税务局')).then([directoryRenamed('国家税务总局徐州市税务局', '市税务局')]));
  it('renaming to the same name changes nothing', () => given([directoryRegistered(), directoryRenamed('新名', '市税务局')]).when(rename('新名')).then([]));
  it('refuses to rename an unknown agency (404)', () => given([]).when(rename('x')).thenThrows(NotFound));
  it('PUT registers, renames or changes nothing', () => {
    given([]).when(put('市税务局')).then([directoryRegistered()]);
    given([directoryRegistered()]).when(put('新名')).then([directoryRenamed('新名', '市税务局')]);
    given([directoryRegistered()]).when(put('市税务局')).then([]);
  });
  it.each([['blank', '  '], ['101 characters', '局'.repeat(101)]])('refuses a %s name (400)', (_, name) => {
    given([]).when(register(name)).thenThrows(Invalid, /name/);
    given([directoryRegistered()]).when(put(name)).thenThrows(Invalid, /name/);
  });
  it.each([['__proto__'], ['Tax'], ['-tax'], ['a'.repeat(64)]])('refuses an admin\'s PUT of the id %s, as a campaign would (400)', (agencyId) =>
    given([]).when({ type: 'PutDirectoryAgency', data: { agencyId, name: '某局' } }).thenThrows(Invalid, /agencyId/));
  it('accepts a name of 100 characters', () => given([]).when(register('局'.repeat(100))).then([directoryRegistered('局'.repeat(100))]));
});
