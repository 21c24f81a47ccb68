import type { FieldError } from './errors';
import { characterCount, MAX_REASON_CHARACTERS, optionalText, requiredReason, requiredText } from './text';

describe('the text rule', () => {
  it('counts code points: an emoji and a Chinese character are one character each', () => {
    expect(characterCount('好😀')).toBe(2);
    expect('好😀'.length).toBe(3);
  });

  it('trims required text and refuses blank text or more than the maximum, naming the field', () => {
    const problems: FieldError[] = [];
    expect(requiredText('title', '  标题 ', 2, problems)).toBe('标题');
    expect(problems).toEqual([]);
    requiredText('title', ' \n ', 2, problems);
    requiredText('summary', '😀😀😀', 2, problems);
    expect(problems.map((p) => p.field)).toEqual(['title', 'summary']);
  });

  it('makes blank optional text null, and trims the rest', () => {
    const problems: FieldError[] = [];
    expect(optionalText('comment', '   ', 2, problems)).toBeNull();
    expect(optionalText('comment', undefined, 2, problems)).toBeNull();
    expect(optionalText('comment', ' 很好 ', 2, problems)).toBe('很好');
    expect(problems).toEqual([]);
    optionalText('comment', '很好吗', 2, problems);
    expect(problems).toEqual([{ field: 'comment', message: 'must be at most 2 characters' }]);
  });

  it('keeps verbatim text as it came, blank still no text, its length counted as stored', () => {
    const problems: FieldError[] = [];
    expect(optionalText('comment', ' 很好 ', 4, problems, 'verbatim')).toBe(' 很好 ');
    expect(optionalText('comment', '   ', 4, problems, 'verbatim')).toBeNull();
    expect(requiredText('reason', ' 重复 ', 4, problems, 'verbatim')).toBe(' 重复 ');
    expect(problems).toEqual([]);
    requiredText('reason', '  ', 4, problems, 'verbatim');
    optionalText('comment', ' 很好很好 ', 4, problems, 'verbatim');
    expect(problems.map((p) => p.field)).toEqual(['reason', 'comment']);
  });

  it('allows a reason of exactly MAX_REASON_CHARACTERS characters and no more', () => {
    const problems: FieldError[] = [];
    const longest = '😀'.repeat(MAX_REASON_CHARACTERS);
    expect(requiredReason(longest, problems)).toBe(longest);
    expect(problems).toEqual([]);
    requiredReason(`${longest}x`, problems);
    expect(problems).toEqual([{ field: 'reason', message: `must be 1–${MAX_REASON_CHARACTERS} characters, not blank` }]);
  });
});
