// What the installed app says about itself: that the browser is offline (the shell runs from
// the service worker's cache; pages load again once online) and that a new version waits, with
// a button to load it. A polite status region, so a screen reader hears both without losing focus.
import { t } from '../../i18n';
import { applyUpdate, offline, updateReady } from '../../pwa/serviceWorker';

export function AppStatus() {
  const isOffline = offline.value;
  const update = updateReady.value;
  return (
    <div class="app-status" role="status">
      {isOffline && (
        <p class="alert app-offline" data-offline="">
          <strong>{t('pwa.offlineTitle')}</strong> {t('pwa.offline')}
        </p>
      )}
      {update && (
        <p class="alert app-update">
          {t('pwa.update')}{' '}
          <button type="button" class="button button-secondary" onClick={applyUpdate}>
            {t('pwa.reload')}
          </button>
        </p>
      )}
    </div>
  );
}
