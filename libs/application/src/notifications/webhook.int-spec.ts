/** One notice against a local receiver: signed as documented, retried to the last try, parked with the last error, stopped at once on shutdown. */
import { NOTIFY_DEFAULTS, NotifyConfig } from '../config/notify-config';
import { WebhookReceiver } from '../testing/webhook-receiver';
import { deliver, signatureOf } from './webhook';

const SECRET = 's'.repeat(32);

describe('webhook delivery', () => {
  let hook: WebhookReceiver;
  let config: NotifyConfig;
  beforeEach(async () => {
    hook = await WebhookReceiver.start(SECRET);
    config = { url: hook.url, secret: SECRET, ...NOTIFY_DEFAULTS, backoffBaseMs: 5, backoffCapMs: 20, timeoutMs: 300 };
  });
  afterEach(() => hook.close());

  it('signs with the lower-case hex HMAC-SHA256 of the raw body (a published test vector)', () => {
    expect(signatureOf('The quick brown fox jumps over the lazy dog', 'key')).toBe('sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
  });

  it('delivers with its key and a signature the receiver verifies', async () => {
    const result = await deliver({ key: 'k-1', body: '{"kind":"case-opened","note":"办事拖延"}' }, config, new AbortController().signal);
    expect(result).toEqual({ delivered: true, tries: 1 });
    expect(hook.received).toEqual([expect.objectContaining({ key: 'k-1', body: '{"kind":"case-opened","note":"办事拖延"}', signed: true, delivered: true })]);
  });

  it('tries again after a 500 and a timeout, and gives up after the last try with the last error', async () => {
    hook.answer = (_key, seen) => (seen === 0 ? 'fail' : seen === 1 ? 'hang' : 'ok');
    const failures: string[] = [];
    await expect(deliver({ key: 'k-2', body: '{}' }, config, new AbortController().signal, (_t, e) => failures.push(e))).resolves.toEqual({ delivered: true, tries: 3 });
    expect(failures).toEqual(['HTTP 500', 'no answer within 300 ms']);

    hook.answer = () => 'fail';
    await expect(deliver({ key: 'k-3', body: '{}' }, config, new AbortController().signal)).resolves.toEqual({ delivered: false, tries: 10, lastError: 'HTTP 500' });
    expect(hook.received.filter((r) => r.key === 'k-3')).toHaveLength(config.maxTries);
  });

  it('names a refused connection, and stops between tries when asked to', async () => {
    await hook.close();
    const stop = new AbortController();
    const failures: string[] = [];
    const delivery = deliver({ key: 'k-4', body: '{}' }, { ...config, backoffBaseMs: 10_000, backoffCapMs: 10_000 }, stop.signal, (_t, e) => {
      failures.push(e);
      stop.abort();
    });
    await expect(delivery).rejects.toThrow();
    expect(failures).toEqual(['ECONNREFUSED']);
    hook = await WebhookReceiver.start(SECRET); // for afterEach
  });
});
