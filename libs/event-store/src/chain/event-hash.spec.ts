/**
 * The hash formats, pinned to values computed outside Node (printf … | sha256sum), so that the
 * README's recipe for checking the chain by hand stays true.
 */
import { eventHash, GENESIS, rollingHash } from './event-hash';

describe('eventHash', () => {
  const first = { stream: 's', revision: 0, type: 'T', data: '{}', metadata: '{}' };

  it('hashes the length-prefixed fields, the previous hash first', () => {
    // printf 'survey-chain/1\n0:\n1:s\n1:0\n1:T\n2:{}\n2:{}\n' | sha256sum
    expect(eventHash(GENESIS, first)).toBe('b0a4c4937c62c407b72e5d9f1f28624cbb8b95b9e4d641ebb6ab10ff3ad7ff01');
  });

  it('counts lengths in UTF-8 bytes', () => {
    // printf 'survey-chain/1\n0:\n10:ballot-鼓\n1:0\n1:T\n2:{}\n2:{}\n' | sha256sum
    expect(eventHash(GENESIS, { ...first, stream: 'ballot-鼓' })).toBe('588e0da35ca79ab1db4ecf119d10b3bb47636367aababca61f121d9f0cc9ec1e');
  });

  it('changes with any field, and with the previous hash', () => {
    const base = eventHash(GENESIS, first);
    for (const changed of [{ revision: 1 }, { type: 'U' }, { data: '{"a":1}' }, { metadata: '{ }' }, { stream: 't' }]) {
      expect(eventHash(GENESIS, { ...first, ...changed })).not.toBe(base);
    }
    expect(eventHash(base, first)).not.toBe(base);
    // Moving a character from one field to the next is a different event.
    expect(eventHash(GENESIS, { ...first, type: 'T{', data: '}' })).not.toBe(eventHash(GENESIS, { ...first, type: 'T', data: '{}' }));
  });
});

describe('rollingHash', () => {
  it('is sha256 of the previous rolling hash followed by the event hash, as hex text', () => {
    // printf '%s' b0a4…ff01 | sha256sum
    expect(rollingHash(GENESIS, 'b0a4c4937c62c407b72e5d9f1f28624cbb8b95b9e4d641ebb6ab10ff3ad7ff01')).toBe('1fa073f07635fdd78c21cf729bb8ef3731df52f1803caa4169822c55bc2ab48d');
  });
});
