// The participation UI module: asking a question or proposing an idea (with my questions and a
// search of answered ones), the question page (history, official answer, follow, support, and
// the department's forms for its staff), the department's inbox, meinBerlin projects nearby and
// the topics-to-departments mapping for admins. Built from the shell's kit (shell API 2).
import { de, en } from './i18n.js';

export function register(shell) {
  const t = shell.t;
  shell.addTranslations('de', de);
  shell.addTranslations('en', en);
  if (!shell.kit) throw new Error('the participation UI needs shell API 2 (shell.kit); this Quartier is older');
  const staff = ['staff', 'moderator', 'admin'];
  // Each page loads when first shown (shell.kit.lazy), so none is first-page JavaScript.
  const page = (load) => {
    let made;
    return shell.kit.lazy(() => load().then((make) => (made ??= make(shell))));
  };
  const askPage = page(() => import('./ask.js').then((m) => m.askPage));
  const questionPage = page(() => import('./question.js').then((m) => m.questionPage));
  const queuePage = page(() => import('./queue.js').then((m) => m.queuePage));
  const projectsPage = page(() => import('./projects.js').then((m) => m.projectsPage));
  const topicsPage = page(() => import('./topics.js').then((m) => m.topicsPage));
  shell.addNavigation({ path: '/participation', label: () => t('participation.nav'), order: 40 });
  shell.addNavigation({ path: '/participation/projects', label: () => t('participation.projects_nav'), order: 41 });
  shell.addNavigation({ path: '/participation/queue', label: () => t('participation.queue_nav'), order: 42, roles: staff });
  shell.addNavigation({ path: '/participation/topics', label: () => t('participation.topics_nav'), order: 43, roles: ['admin'] });
  shell.addRoute('/participation', { title: () => t('participation.title'), component: askPage });
  shell.addRoute('/participation/questions/:id', { title: () => t('participation.question'), component: questionPage });
  shell.addRoute('/participation/queue', { title: () => t('participation.queue_title'), component: queuePage, roles: staff });
  shell.addRoute('/participation/projects', { title: () => t('participation.projects_title'), component: projectsPage });
  shell.addRoute('/participation/topics', { title: () => t('participation.topics_title'), component: topicsPage, roles: ['admin'] });
}
