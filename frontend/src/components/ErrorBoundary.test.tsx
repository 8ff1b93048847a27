// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { useEffect } from 'preact/hooks';
import { ErrorBoundary } from './ErrorBoundary';
import { setLanguage } from '../i18n';

afterEach(cleanup);

let broken = true;
function Fragile() {
  if (broken) throw new Error('Zerbrochen beim Zeichnen');
  return <p>Alles gut</p>;
}
function BreaksInEffect() {
  useEffect(() => {
    throw new Error('Zerbrochen im Effekt');
  }, []);
  return <p>Gleich kaputt</p>;
}

describe('ErrorBoundary', () => {
  setLanguage('de');
  vi.spyOn(console, 'warn').mockImplementation(() => {});

  it('shows what failed instead of the page, and tries again on request', async () => {
    broken = true;
    render(
      <ErrorBoundary what="der Seite /content/7">
        <Fragile />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Seite konnte nicht angezeigt werden');
    expect(screen.getByRole('alert').textContent).toContain('der Seite /content/7');
    expect(screen.getByRole('alert').textContent).toContain('Zerbrochen beim Zeichnen');
    broken = false;
    fireEvent.click(screen.getByRole('button', { name: 'Erneut versuchen' }));
    expect(await screen.findByText('Alles gut')).toBeTruthy();
  });

  it('catches an exception thrown in an effect (a plugin mount function)', async () => {
    render(
      <ErrorBoundary what="der Erweiterung „hello_c“">
        <BreaksInEffect />
      </ErrorBoundary>,
    );
    expect((await screen.findByRole('alert')).textContent).toContain('Zerbrochen im Effekt');
  });
});
