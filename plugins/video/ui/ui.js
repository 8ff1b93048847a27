// The video UI module: the rooms page (cafés, consultation hours, my rooms, create a room) and the
// room page (name and preview, then the call: a grid of videos, controls, chat, the host's tools).
// Built on shell API 2 and its kit; German first, English second. The room page must be loaded
// as a page of its own: only there does the server's Permissions-Policy allow the camera.
import { de, en } from './i18n.js';

export function register(shell) {
  const t = shell.t;
  shell.addTranslations('de', de);
  shell.addTranslations('en', en);
  if (!shell.kit) throw new Error('the video UI needs shell API 2 (shell.kit); this Quartier is older');
  if (!document.querySelector('link[data-video-css]')) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = new URL('./video.css', import.meta.url).pathname;
    link.dataset.videoCss = '';
    document.head.appendChild(link);
  }
  shell.addNavigation({ path: '/video', label: () => t('video.nav'), order: 60, requiresLogin: false });
  // The pages load when first shown (shell.kit.lazy), so they are not first-page JavaScript.
  const lazy = (load) => shell.kit.lazy(() => load().then((make) => make(shell)));
  const roomsPage = lazy(() => import('./list.js').then((m) => m.roomsPage));
  const roomPage = lazy(() => import('./room.js').then((m) => m.roomPage));
  shell.addRoute('/video', { title: () => t('video.title'), component: roomsPage, requiresLogin: false });
  shell.addRoute('/video/room/:slug', { title: () => t('video.room_title'), component: roomPage, requiresLogin: false });
}
