import { describe, expect, it } from 'vitest';
import { isMalformedPath, matchPath, safeDecode } from './router';

describe('router', () => {
  it('decodes parameters', () => {
    expect(matchPath('/people/:id', '/people/42')).toEqual({ id: '42' });
    expect(matchPath('/search/:q', '/search/M%C3%BChle')).toEqual({ q: 'Mühle' });
    expect(matchPath('/p/*', '/p/a/b%20c')).toEqual({ '*': 'a/b c' });
  });
  it('answers null for a malformed escape instead of throwing', () => {
    expect(safeDecode('%E0')).toBeNull();
    expect(matchPath('/content/:id', '/content/%E0')).toBeNull();
    expect(matchPath('/p/*', '/p/ok/%E0%A4%A')).toBeNull();
    expect(isMalformedPath('/content/%E0')).toBe(true);
    expect(isMalformedPath('/content/12')).toBe(false);
  });
});
