// Contains a failure to one page: an exception while a route or a plugin page renders (or in
// its effects) shows what failed and offers to try again, instead of blanking the whole app.
// The header, the navigation and the footer stay usable.
import { Component, type ComponentChildren } from 'preact';
import { t } from '../i18n';
import { Page } from './ui';

interface Props {
  /** What is shown here, in words: "die Seite /content/12" or "das Modul groups". */
  what: string;
  children: ComponentChildren;
  /** A part of a page (a plugin's slot): an alert in place instead of a page of its own. */
  inline?: boolean;
}

interface State {
  error: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error ?? new Error('unknown') };
  }

  componentDidCatch(error: unknown): void {
    // For the operator's browser console; the person reads the message below.
    console.warn(`Quartier: ${this.props.what} failed:`, error);
  }

  render() {
    if (!this.state.error) return this.props.children;
    const detail = this.state.error instanceof Error ? this.state.error.message : String(this.state.error);
    if (this.props.inline)
      return (
        <div class="alert alert-error" role="alert">
          <p>{t('boundary.text', { what: this.props.what })}</p>
          {detail && <p class="hint">{detail}</p>}
        </div>
      );
    return (
      <Page title={t('boundary.title')}>
        <div class="alert alert-error" role="alert">
          <p>{t('boundary.text', { what: this.props.what })}</p>
          {detail && (
            <p class="hint">
              {t('boundary.detail')} <code>{detail}</code>
            </p>
          )}
        </div>
        <p class="actions">
          <button type="button" class="button button-primary" onClick={() => this.setState({ error: null })}>
            {t('common.retry')}
          </button>{' '}
          <a href="/">{t('notFound.home')}</a>
        </p>
      </Page>
    );
  }
}
