/**
 * An enterprise's registration or profile change, the one way every caller takes it (the
 * `PUT /v1/enterprises/{code}` handler, an import's batch): load → decide (the enterprise decider)
 * → append on `enterprise-{code}`, `no_stream` for a new one, retried on a concurrent write.
 */
import { enterpriseDecider, RegisterEnterprise, streams } from '@survey/domain';
import type { Aggregates } from '../runtime/aggregates';
import type { CommandMeta } from '../runtime/command-meta';
import type { RegisterOutcome } from './register-enterprise.command';

export async function registerEnterprise(aggregates: Aggregates, data: RegisterEnterprise['data'], meta: CommandMeta) {
  const { events, state } = await aggregates.execute(
    streams.enterprise(data.creditCode), enterpriseDecider, { type: 'RegisterEnterprise', data }, () => ({}), meta,
  );
  const outcome: RegisterOutcome = events.length === 0 ? 'unchanged' : events[0].type === 'EnterpriseRegistered' ? 'registered' : 'changed';
  if (!state.registered) throw new Error('unreachable: enterprise not registered');
  return { outcome, enterprise: { creditCode: state.creditCode, ...state.profile } };
}
