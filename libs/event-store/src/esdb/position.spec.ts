import { START } from '@eventstore/db-client';
import { isAfter, portPositionOrUndefined, resumeFrom, toPortPosition } from './position';

const at = (commit: number | bigint, prepare: number | bigint) => ({ commit: BigInt(commit), prepare: BigInt(prepare) });

describe('EventStoreDB position mapping', () => {
  it('numbers an event by its prepare position, which equals the commit position of a gRPC write', () => {
    expect(toPortPosition(at(1234, 1234))).toBe(1234);
  });

  it('gives distinct, increasing numbers to events that share a legacy commit record', () => {
    const transaction = [at(900, 500), at(900, 620), at(900, 710)];
    const numbers = transaction.map(toPortPosition);
    expect(numbers).toEqual([500, 620, 710]);
  });

  it('resumes from the start for 0 and from { n, n } otherwise', () => {
    expect(resumeFrom(0)).toBe(START);
    expect(resumeFrom(620)).toEqual(at(620, 620));
    expect(() => resumeFrom(-1)).toThrow(RangeError);
    expect(() => resumeFrom(1.5)).toThrow(RangeError);
  });

  it('drops what an inclusive read returns at or before the resume point, keeps the rest of a transaction', () => {
    // Resuming after the middle event of a legacy transaction: the server sends the whole transaction.
    const read = [at(900, 500), at(900, 620), at(900, 710), at(1000, 1000)];
    expect(read.filter((p) => isAfter(p, 620)).map(toPortPosition)).toEqual([710, 1000]);
  });

  it('refuses what is not a real position instead of producing an unsafe number', () => {
    const noPosition = at(2n ** 64n - 1n, 2n ** 64n - 1n); // -1 sent as a ulong
    expect(portPositionOrUndefined(noPosition)).toBeUndefined();
    expect(portPositionOrUndefined(undefined)).toBeUndefined();
    expect(() => toPortPosition(noPosition)).toThrow(RangeError);
    expect(portPositionOrUndefined(at(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
  });
});
