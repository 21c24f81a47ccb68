/**
 * The demo's enterprises: valid, unique GB 32100 codes ('91' + district division code + a
 * GB 11714 organisation code + check character), a profile drawn from the tables, and a unique
 * name of the usual shape 徐州 + 字号 + 行业 + 有限公司.
 */
import { completeCreditCode, CREDIT_CODE_CHARSET } from '@survey/domain';
import type { DemoEnterprise } from './demo-types';
import { DISTRICTS, INDUSTRIES, SIZES, SIZE_WEIGHTS, TRADE_NAME_CHARS } from './enterprise.data';
import { cumulative, intBelow, pickIndex, type Rng } from './prng';

const DISTRICT_CUM = cumulative(DISTRICTS.map((d) => d.weight));
const INDUSTRY_CUM = cumulative(INDUSTRIES.map((i) => i.weight));
const SIZE_CUM = { light: cumulative(SIZE_WEIGHTS.light), heavy: cumulative(SIZE_WEIGHTS.heavy) };
/** Leading digits of pre-2015 organisation codes; later ones start with 'MA'. */
const OLD_PREFIXES = ['13', '25', '55', '56', '60', '66', '67', '68', '69', '70', '71', '72', '73', '74', '75', '76', '77', '78', '79'];
const NEW_STYLE_SHARE = 0.6;
const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11714 values: digits as themselves, letters A=10 … Z=35 (I, O, S, V, Z never occur here). */
const GB11714_VALUES = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function buildEnterprises(rng: Rng, count: number): DemoEnterprise[] {
  const codes = new Set<string>();
  const names = new Set<string>();
  const enterprises: DemoEnterprise[] = new Array(count);
  for (let i = 0; i < count; i++) {
    const district = DISTRICTS[pickIndex(rng, DISTRICT_CUM)];
    const industry = INDUSTRIES[pickIndex(rng, INDUSTRY_CUM)];
    const size = SIZES[pickIndex(rng, industry.heavy ? SIZE_CUM.heavy : SIZE_CUM.light)];
    let creditCode: string;
    do creditCode = completeCreditCode(`91${district.code}${organisationCode(rng)}`);
    while (codes.has(creditCode));
    codes.add(creditCode);
    const name = uniqueName(rng, names, industry.words, size);
    enterprises[i] = { creditCode, name, district: district.name, industry: industry.section, size };
  }
  return enterprises;
}

/** Nine characters: an eight-character body and its GB 11714 check character (0–9 or X). */
function organisationCode(rng: Rng): string {
  let body: string;
  if (rng() < NEW_STYLE_SHARE) {
    body = 'MA';
    for (let k = 0; k < 6; k++) body += CREDIT_CODE_CHARSET[intBelow(rng, CREDIT_CODE_CHARSET.length)];
  } else {
    body = OLD_PREFIXES[intBelow(rng, OLD_PREFIXES.length)];
    for (let k = 0; k < 6; k++) body += CREDIT_CODE_CHARSET[intBelow(rng, 10)];
  }
  let sum = 0;
  for (let k = 0; k < 8; k++) sum += GB11714_VALUES.indexOf(body[k]) * GB11714_WEIGHTS[k];
  const c = 11 - (sum % 11);
  return body + (c === 10 ? 'X' : c === 11 ? '0' : GB11714_VALUES[c]);
}

function uniqueName(rng: Rng, taken: Set<string>, words: readonly string[], size: string): string {
  const suffix = companySuffix(rng, size);
  for (let attempt = 0; ; attempt++) {
    const length = attempt < 8 ? 2 : 3;
    let trade = '';
    for (let k = 0; k < length; k++) trade += TRADE_NAME_CHARS[intBelow(rng, TRADE_NAME_CHARS.length)];
    if (trade[0] === trade[1]) continue;
    const name = `徐州${trade}${words[intBelow(rng, words.length)]}${suffix}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function companySuffix(rng: Rng, size: string): string {
  const u = rng();
  if (size === 'large') return u < 0.35 ? '股份有限公司' : u < 0.6 ? '集团有限公司' : '有限公司';
  if (size === 'medium') return u < 0.12 ? '股份有限公司' : '有限公司';
  return u < 0.1 ? '有限责任公司' : '有限公司';
}
