/**
 * The enterprises' requests' policy per deployment (CLOSED-LOOP.md: "Categories (configurable list,
 * these by default)", "Defaults (configuration, per deployment)"): the categories offered, each with
 * its zh/en label and the working days to resolve it, from REQUEST_CATEGORIES_FILE; the other
 * deadlines from REQUEST_*_DAYS. Validated at start-up: a bad value stops the process with one line.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_REQUEST_POLICY, RequestPolicy } from '@survey/domain';
import { ConfigError, integer } from './config-error';

type Env = Record<string, string | undefined>;

export interface RequestCategory {
  category: string;
  label: { zh: string; en: string };
  /** Working days to resolve it, from the dispatch (and from a reopening). */
  resolveDays: number;
}

export interface RequestConfig {
  /** In the order the pages offer them. */
  categories: RequestCategory[];
  dispatchDays: number;
  acceptDays: number;
  maxExtensionDays: number;
  /** Natural days the enterprise has to rate an answer. */
  rateDays: number;
}

const LABELS: [string, string, string][] = [
  ['consultation', '政策咨询', 'Policy consultation'], ['approval', '审批服务', 'Approvals'], ['operations', '生产经营', 'Operations'],
  ['finance', '融资', 'Finance'], ['land', '用地规划', 'Land and planning'], ['talent', '人才用工', 'Staffing'],
  ['contracts', '合同履约', 'Contracts'], ['legal', '法律权益', 'Legal rights'], ['disturbance', '涉企检查扰企', 'Disruptive inspections'],
];

const defaultCategories = (resolveDays: number): RequestCategory[] =>
  LABELS.map(([category, zh, en]) => ({ category, label: { zh, en }, resolveDays: category === 'consultation' ? 5 : resolveDays }));

export const DEFAULT_REQUEST_CONFIG: RequestConfig = {
  categories: defaultCategories(DEFAULT_REQUEST_POLICY.resolveDays.default),
  dispatchDays: DEFAULT_REQUEST_POLICY.dispatchDays,
  acceptDays: DEFAULT_REQUEST_POLICY.acceptDays,
  maxExtensionDays: DEFAULT_REQUEST_POLICY.maxExtensionDays,
  rateDays: DEFAULT_REQUEST_POLICY.rateDays,
};

const CATEGORY_ID = /^[a-z][a-z0-9-]{0,39}$/;
const MAX_CATEGORIES = 50;
const MAX_LABEL = 40;
const MAX_DAYS = 250;

export function requestConfig(env: Env): RequestConfig {
  const resolveDays = integer(env, 'REQUEST_RESOLVE_DAYS', DEFAULT_REQUEST_POLICY.resolveDays.default, 1, MAX_DAYS);
  const file = env.REQUEST_CATEGORIES_FILE;
  return {
    categories: file ? categoriesFile(file, resolveDays) : defaultCategories(resolveDays),
    dispatchDays: integer(env, 'REQUEST_DISPATCH_DAYS', DEFAULT_REQUEST_CONFIG.dispatchDays, 1, 30),
    acceptDays: integer(env, 'REQUEST_ACCEPT_DAYS', DEFAULT_REQUEST_CONFIG.acceptDays, 1, 30),
    maxExtensionDays: integer(env, 'REQUEST_MAX_EXTENSION_DAYS', DEFAULT_REQUEST_CONFIG.maxExtensionDays, 1, MAX_DAYS),
    rateDays: integer(env, 'REQUEST_RATE_DAYS', DEFAULT_REQUEST_CONFIG.rateDays, 1, 90),
  };
}

/** The policy the request decider applies. */
export function requestPolicyOf(config: RequestConfig): RequestPolicy {
  return {
    ...DEFAULT_REQUEST_POLICY,
    categories: config.categories.map((c) => c.category),
    dispatchDays: config.dispatchDays,
    acceptDays: config.acceptDays,
    // Every category has its own days here: `default` serves none of them.
    resolveDays: { default: DEFAULT_REQUEST_POLICY.resolveDays.default, byCategory: new Map(config.categories.map((c) => [c.category, c.resolveDays])) },
    maxExtensionDays: config.maxExtensionDays,
    rateDays: config.rateDays,
  };
}

/** `[{ "category": "consultation", "zh": "政策咨询", "en": "Policy consultation", "resolveDays": 5 }, …]`; resolveDays defaults to REQUEST_RESOLVE_DAYS. */
function categoriesFile(path: string, resolveDays: number): RequestCategory[] {
  const bad = (problem: string) => new ConfigError('REQUEST_CATEGORIES_FILE', `${problem} (${path})`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw bad(`must be a readable JSON file: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_CATEGORIES) throw bad(`must hold an array of 1 to ${MAX_CATEGORIES} categories`);
  const seen = new Set<string>();
  return parsed.map((entry: unknown, i): RequestCategory => {
    const at = `entry ${i + 1}`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw bad(`${at} must be an object { category, zh, en, resolveDays? }`);
    const { category, zh, en, resolveDays: days, ...rest } = entry as Record<string, unknown>;
    const extra = Object.keys(rest);
    if (extra.length) throw bad(`${at} has unknown fields: ${extra.join(', ')}`);
    if (typeof category !== 'string' || !CATEGORY_ID.test(category)) throw bad(`${at}: category must be 1-40 characters of a-z, 0-9 and -, starting with a letter`);
    if (seen.has(category)) throw bad(`${at}: category ${category} is listed twice`);
    seen.add(category);
    for (const [field, label] of [['zh', zh], ['en', en]] as const) {
      if (typeof label !== 'string' || label.trim() === '' || [...label].length > MAX_LABEL) throw bad(`${at}: ${field} must be a label of 1 to ${MAX_LABEL} characters`);
    }
    if (days !== undefined && (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_DAYS)) throw bad(`${at}: resolveDays must be an integer from 1 to ${MAX_DAYS}`);
    return { category, label: { zh: zh as string, en: en as string }, resolveDays: (days as number | undefined) ?? resolveDays };
  });
}
