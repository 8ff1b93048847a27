import { describe, expect, it } from 'vitest';
import { mentionAt, mentionLink } from './MentionTextArea';

describe('mentionAt', () => {
  it('finds the "@word" right before the caret', () => {
    expect(mentionAt('Hallo @Cla', 10)).toEqual({ start: 6, query: 'Cla' });
    expect(mentionAt('@Jö', 3)).toEqual({ start: 0, query: 'Jö' });
    expect(mentionAt('(siehe @Ben', 11)).toEqual({ start: 7, query: 'Ben' });
  });
  it('needs two letters, a word start and the caret inside the word', () => {
    expect(mentionAt('Hallo @C', 8)).toBeNull();
    expect(mentionAt('mail@example', 12)).toBeNull();
    expect(mentionAt('@Clara und', 10)).toBeNull();
    expect(mentionAt('Hallo @Clara', 3)).toBeNull();
  });
});

describe('mentionLink', () => {
  it('writes the link the server turns into a mention, without brackets in the name', () => {
    expect(mentionLink({ id: 7, display_name: 'Clara Conrad' })).toBe('[@Clara Conrad](/people/7)');
    expect(mentionLink({ id: 8, display_name: 'Ben [Bäcker]' })).toBe('[@Ben Bäcker](/people/8)');
  });
});
