import { enterpriseDecider, RegisterEnterprise } from './enterprise';
import { Invalid, Unprocessable } from './errors';
import { acme, registered } from './testing/builders';
import { specFor } from './testing/given';

const given = specFor(enterpriseDecider, () => ({}));
const register = (overrides: Partial<RegisterEnterprise['data']> = {}): RegisterEnterprise => ({
  type: 'RegisterEnterprise',
  data: { ...registered().data, ...overrides },
});

describe('enterprise decider', () => {
  it('registers a new enterprise', () => given([]).when(register()).then([registered()]));
  it('changes nothing when the same profile is registered again', () => given([registered()]).when(register()).then([]));
  it('records a profile change', () =>
    given([registered()]).when(register({ district: '云龙区' })).then([
      { type: 'EnterpriseProfileChanged', data: { ...registered().data, district: '云龙区' } },
    ]));
  it('trims names', () => given([registered()]).when(register({ name: ' 徐州某某科技有限公司 ' })).then([]));
  it('refuses an invalid credit code', () => given([]).when(register({ creditCode: acme.slice(0, 17) + 'A' })).thenThrows(Unprocessable));
  it('refuses an industry that is not a GB/T 4754 section', () => given([]).when(register({ industry: 'Z' })).thenThrows(Invalid, /section/));
  it('refuses an unknown size', () => given([]).when(register({ size: 'huge' as never })).thenThrows(Invalid));
  it('refuses an empty name', () => given([]).when(register({ name: '  ' })).thenThrows(Invalid));
});
