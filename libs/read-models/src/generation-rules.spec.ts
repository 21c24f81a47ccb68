/** The generation rules both adapters call: each decision on plain values, as the stores hold them. */
import { GenerationBusy } from './generations';
import { beginning, busyProblem, dropProblem, fenceProblem, generationsOf, maySwitch, nextGeneration, switchProblem } from './generation-rules';

describe('generationsOf', () => {
  it('serves generation 0, with nothing building, to a projection never rebuilt', () => {
    expect(generationsOf(undefined)).toEqual({ active: 0, building: null });
    expect(generationsOf(null)).toEqual({ active: 0, building: null });
  });
  it('keeps the active and building generations of what is stored, and nothing else', () => {
    const held = { active: 2, building: 3, builder: 'a', leaseUntil: 9, collections: ['x'] };
    expect(generationsOf(held)).toEqual({ active: 2, building: 3 });
  });
});

describe('nextGeneration and the fence', () => {
  it('numbers a new build above every generation used', () => {
    expect(nextGeneration({ active: 0, building: null })).toBe(1);
    expect(nextGeneration({ active: 4, building: null })).toBe(5);
  });
  it('lets the active and the building generation be written, and no other', () => {
    const g = { active: 2, building: 3 };
    expect(fenceProblem('reports', 2, g)).toBeNull();
    expect(fenceProblem('reports', 3, g)).toBeNull();
    expect(fenceProblem('reports', 1, g)).toBe('generation 1 of projection reports is retired (the active one is 2)');
  });
});

describe('busyProblem (one rebuild at a time)', () => {
  const claim = { builder: 'b', leaseMs: 1000 };
  it('stops a builder only at another builder\'s claim that has not expired', () => {
    expect(busyProblem('reports', { building: 2, builder: 'a', leaseUntil: 5000 }, claim, 4999)).toMatch(/^generation 2 of projection reports is being built by a \(claim renewed until 1970-01-01T00:00:05.000Z\)/);
    expect(busyProblem('reports', { building: 2, builder: 'a', leaseUntil: 5000 }, claim, 5000)).toBeNull();
    expect(busyProblem('reports', { building: 2, builder: 'b', leaseUntil: 5000 }, claim, 0)).toBeNull();
    expect(busyProblem('reports', { building: 2, builder: null, leaseUntil: null }, claim, 0)).toBeNull();
    expect(busyProblem('reports', { building: null }, claim, 0)).toBeNull();
  });
});


describe('beginning (what a begin stores)', () => {
  const claim = { builder: 'b', leaseMs: 1000 };
  it('starts a new generation above every other when none is building, taking the claim if one is given', () => {
    expect(beginning('reports', { active: 2, building: null }, claim, 500)).toEqual({ active: 2, building: 3, fresh: true, lease: { builder: 'b', leaseUntil: 1500 } });
    expect(beginning('reports', null, undefined, 500)).toEqual({ active: 0, building: 1, fresh: true, lease: null });
  });
  it('resumes the generation under way, renewing the claim from now', () => {
    expect(beginning('reports', { active: 2, building: 5, builder: 'b', leaseUntil: 4500 }, claim, 4000)).toEqual({ active: 2, building: 5, fresh: false, lease: { builder: 'b', leaseUntil: 5000 } });
    expect(beginning('reports', { active: 2, building: 5 }, undefined, 4000)).toEqual({ active: 2, building: 5, fresh: false, lease: null });
  });
  it("refuses a claim while another builder's runs, and takes it over once lapsed", () => {
    const held = { active: 2, building: 5, builder: 'a', leaseUntil: 4500 };
    expect(() => beginning('reports', held, claim, 4000)).toThrow(GenerationBusy);
    expect(() => beginning('reports', held, claim, 4000)).toThrow('generation 5 of projection reports is being built by a');
    expect(beginning('reports', held, undefined, 4000)).toMatchObject({ building: 5, lease: null }); // no claim asked: nothing to refuse
    expect(beginning('reports', held, claim, 4500)).toMatchObject({ building: 5, lease: { builder: 'b', leaseUntil: 5500 } });
  });
  it('numbers a generation after one that was building and is gone', () => {
    expect(nextGeneration({ active: 2, building: 5 })).toBe(6);
  });
});

describe('switching and dropping', () => {
  const g = { active: 2, building: 3 };
  it('switches only to the generation being built', () => {
    expect(switchProblem('reports', 3, g)).toBeNull();
    expect(switchProblem('reports', 4, g)).toBe('generation 4 of projection reports is not being built');
    expect(switchProblem('reports', 2, { active: 2, building: null })).toBe('generation 2 of projection reports is not being built');
  });
  it('switches readers over only once the new generation has folded as far as the active one', () => {
    expect(maySwitch({ building: 9, active: 10 })).toBe(false);
    expect(maySwitch({ building: 10, active: 10 })).toBe(true);
    expect(maySwitch({ building: 11, active: 10 })).toBe(true);
  });
  it('drops neither the active nor the building generation', () => {
    expect(dropProblem('reports', 2, g)).toBe('generation 2 of projection reports is in use');
    expect(dropProblem('reports', 3, g)).toBe('generation 3 of projection reports is in use');
    expect(dropProblem('reports', 1, g)).toBeNull();
  });
});
