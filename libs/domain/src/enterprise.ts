/** Enterprise aggregate: registered by an admin with its profile; re-registering changes the profile. */
import { CreditCode } from './credit-code';
import { assertNever, Decider } from './decider';
import { FieldError, Invalid } from './errors';
import type { EnterpriseEvent, EnterpriseProfile, EnterpriseSize } from './events';

export type RegisterEnterprise = { type: 'RegisterEnterprise'; data: { creditCode: string } & EnterpriseProfile };
export type EnterpriseCommand = RegisterEnterprise;
export type EnterpriseState = { registered: false } | { registered: true; creditCode: string; profile: EnterpriseProfile };

export const ENTERPRISE_SIZES: readonly EnterpriseSize[] = ['micro', 'small', 'medium', 'large'];
/** GB/T 4754-2017 sections A–T. */
const INDUSTRY_SECTION = /^[A-T]$/;

export const enterpriseDecider: Decider<EnterpriseCommand, EnterpriseEvent, EnterpriseState, unknown> = {
  initialState: () => ({ registered: false }),

  evolve(_state, event) {
    switch (event.type) {
      case 'EnterpriseRegistered':
      case 'EnterpriseProfileChanged': {
        const { creditCode, name, district, industry, size } = event.data;
        return { registered: true, creditCode, profile: { name, district, industry, size } };
      }
      default:
        return assertNever(event);
    }
  },

  decide(command, state) {
    switch (command.type) {
      case 'RegisterEnterprise': {
        const { creditCode, name, district, industry, size } = command.data;
        CreditCode.parse(creditCode);
        const profile = validProfile({ name, district, industry, size });
        const data = { creditCode, ...profile };
        if (!state.registered) return [{ type: 'EnterpriseRegistered', data }];
        if (sameProfile(state.profile, profile)) return [];
        return [{ type: 'EnterpriseProfileChanged', data }];
      }
      default:
        return assertNever(command.type);
    }
  },
};

function validProfile(p: EnterpriseProfile): EnterpriseProfile {
  const problems: FieldError[] = [];
  const name = p.name.trim();
  const district = p.district.trim();
  if (!name) problems.push({ field: 'name', message: 'must not be empty' });
  if (!district) problems.push({ field: 'district', message: 'must not be empty' });
  if (!INDUSTRY_SECTION.test(p.industry)) problems.push({ field: 'industry', message: 'must be a GB/T 4754 section letter A–T' });
  if (!ENTERPRISE_SIZES.includes(p.size)) problems.push({ field: 'size', message: `must be one of ${ENTERPRISE_SIZES.join(', ')}` });
  if (problems.length) throw Invalid.because('invalid enterprise profile', problems);
  return { name, district, industry: p.industry, size: p.size };
}

function sameProfile(a: EnterpriseProfile, b: EnterpriseProfile): boolean {
  return a.name === b.name && a.district === b.district && a.industry === b.industry && a.size === b.size;
}
