// @vitest-environment happy-dom
// The item cache: a reaction given on the item's page shows on every card of the item at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { ItemCard } from '../components/Item';
import { Reactions } from '../kit/items/Reactions';
import { remember, current } from './items';
import { mockFetch } from '../test/setup';
import { setLanguage } from '../i18n';
import type { ContentItemData as ContentItem } from '../api/content';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const item: ContentItem = {
  id: 77, kind: 'post', owner: 'core', title: 'Laternenfest', summary: 'Am Freitag', created_at: 1_700_000_000_000,
  author: { id: 3, display_name: 'Ben' }, container: { id: 1 }, reactions: {}, reaction_count: 0, my_reaction: null,
};

function ItemPageReactions() {
  return <Reactions item={current(item)} />;
}

describe('item cache', () => {
  setLanguage('de');

  it('a reaction shows on every card of the item', async () => {
    remember(item);
    mockFetch([[/PUT \/api\/content\/77\/reaction/, { status: 200, body: { reactions: { heart: 1 }, reaction_count: 1, my_reaction: 'heart' } }]]);
    render(
      <>
        <ItemCard item={item} />
        <ItemCard item={item} headingLevel={3} />
        <ItemPageReactions />
      </>,
    );
    expect(screen.getAllByText('Reaktionen: 0').length).toBe(2);
    fireEvent.click(screen.getByRole('button', { name: /Herz/ }));
    await waitFor(() => expect(screen.getAllByText('Reaktionen: 1').length).toBe(2));
    expect(screen.getByRole('button', { name: /Herz/ }).getAttribute('aria-pressed')).toBe('true');
  });
});
