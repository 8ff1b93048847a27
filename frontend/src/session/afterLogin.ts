// After a successful sign-in: the session, its language, live updates, then the page asked for.
import { t, loadLanguage, pickLanguage } from '../i18n';
import { navigate } from '../router';
import { acceptSession, getState } from '../store';
import type { MeData } from '../api/account';
import { startLive } from '../live';
import { announce } from '../announce';
import { refreshUnread } from '../notificationsBadge';

/** After a successful sign-in: language from the person's setting, live updates, go home. */
export function afterLogin(data: MeData, to = '/'): void {
  const user = acceptSession(data);
  const meta = getState().meta;
  if (user.language) void loadLanguage(pickLanguage(user.language, [], meta.languages, meta.default_language));
  startLive();
  refreshUnread();
  announce(t('auth.loggedIn'));
  navigate(to);
}
