import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_REQUEST_CATEGORIES, DEFAULT_REQUEST_POLICY, resolveDaysFor } from '@survey/domain';
import { requestConfig, requestPolicyOf } from './request-config';

describe('requestConfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'request-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const file = (content: unknown) => {
    const path = join(dir, 'categories.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  it('has the contract’s categories, labels and deadlines by default, and its policy is the decider’s default', () => {
    const config = requestConfig({});
    expect(config.categories.map((c) => c.category)).toEqual([...DEFAULT_REQUEST_CATEGORIES]);
    expect(config.categories[0]).toEqual({ category: 'consultation', label: { zh: '政策咨询', en: 'Policy consultation' }, resolveDays: 5 });
    expect(config).toMatchObject({ dispatchDays: 1, acceptDays: 1, maxExtensionDays: 30, rateDays: 7 });
    const policy = requestPolicyOf(config);
    for (const category of DEFAULT_REQUEST_CATEGORIES) expect(resolveDaysFor(policy, category)).toBe(resolveDaysFor(DEFAULT_REQUEST_POLICY, category));
    expect(policy).toMatchObject({ categories: DEFAULT_REQUEST_CATEGORIES, dispatchDays: 1, acceptDays: 1, maxExtensionDays: 30, rateDays: 7 });
  });

  it('takes the deadlines from REQUEST_*_DAYS, REQUEST_RESOLVE_DAYS for every category but the consultation', () => {
    const config = requestConfig({ REQUEST_DISPATCH_DAYS: '2', REQUEST_ACCEPT_DAYS: '3', REQUEST_RESOLVE_DAYS: '10', REQUEST_MAX_EXTENSION_DAYS: '20', REQUEST_RATE_DAYS: '14' });
    expect(config).toMatchObject({ dispatchDays: 2, acceptDays: 3, maxExtensionDays: 20, rateDays: 14 });
    expect(config.categories.find((c) => c.category === 'land')?.resolveDays).toBe(10);
    expect(config.categories.find((c) => c.category === 'consultation')?.resolveDays).toBe(5);
    expect(() => requestConfig({ REQUEST_DISPATCH_DAYS: '0' })).toThrow(/^configuration: REQUEST_DISPATCH_DAYS must be an integer from 1 to 30, got "0"$/);
  });

  it('takes the categories from REQUEST_CATEGORIES_FILE, with their labels and days (REQUEST_RESOLVE_DAYS when none), prototype names included', () => {
    const path = file([
      { category: 'consultation', zh: '政策咨询', en: 'Policy', resolveDays: 3 },
      { category: 'constructor', zh: '工程建设', en: 'Construction' },
    ]);
    const config = requestConfig({ REQUEST_CATEGORIES_FILE: path, REQUEST_RESOLVE_DAYS: '12' });
    expect(config.categories).toEqual([
      { category: 'consultation', label: { zh: '政策咨询', en: 'Policy' }, resolveDays: 3 },
      { category: 'constructor', label: { zh: '工程建设', en: 'Construction' }, resolveDays: 12 },
    ]);
    const policy = requestPolicyOf(config);
    expect(policy.categories).toEqual(['consultation', 'constructor']);
    expect(resolveDaysFor(policy, 'constructor')).toBe(12);
  });

  it.each([
    ['not JSON', '{', /must be a readable JSON file/],
    ['no array', { consultation: {} }, /must hold an array of 1 to 50 categories/],
    ['an empty list', [], /must hold an array of 1 to 50 categories/],
    ['a bad id', [{ category: 'Policy Help', zh: '咨询', en: 'Help' }], /entry 1: category must be/],
    ['a category twice', [{ category: 'land', zh: '用地', en: 'Land' }, { category: 'land', zh: '用地', en: 'Land' }], /entry 2: category land is listed twice/],
    ['a missing label', [{ category: 'land', zh: '用地' }], /entry 1: en must be a label/],
    ['days that are no whole number', [{ category: 'land', zh: '用地', en: 'Land', resolveDays: 1.5 }], /entry 1: resolveDays must be an integer from 1 to 250/],
    ['an unknown field', [{ category: 'land', zh: '用地', en: 'Land', days: 3 }], /entry 1 has unknown fields: days/],
  ])('refuses a file with %s, naming REQUEST_CATEGORIES_FILE', (_what, content, problem) => {
    const path = file(content);
    expect(() => requestConfig({ REQUEST_CATEGORIES_FILE: path })).toThrow(problem);
    expect(() => requestConfig({ REQUEST_CATEGORIES_FILE: path })).toThrow(/^configuration: REQUEST_CATEGORIES_FILE /);
  });

  it('refuses a file that is not there', () => {
    expect(() => requestConfig({ REQUEST_CATEGORIES_FILE: join(dir, 'nope.json') })).toThrow(/^configuration: REQUEST_CATEGORIES_FILE must be a readable JSON file: ENOENT/);
  });
});
