// hello_c's UI module: one page listing the notes (see plugins/README.md, section 6, for the shell API).
export function register(shell) {
  shell.addTranslations('de', { 'hello_c.nav': 'Notizen', 'hello_c.title': 'Notizen', 'hello_c.empty': 'Noch keine Notizen.' });
  shell.addTranslations('en', { 'hello_c.nav': 'Notes', 'hello_c.title': 'Notes', 'hello_c.empty': 'No notes yet.' });
  shell.addNavigation({ path: '/hello_c', label: () => shell.t('hello_c.nav'), order: 90, requiresLogin: false });
  shell.addRoute('/hello_c', {
    title: () => shell.t('hello_c.title'),
    requiresLogin: false,
    mount(element) {
      let alive = true;
      shell.api.get('/api/p/hello_c/notes').then(
        (data) => {
          if (!alive) return;
          if (!data.notes.length) {
            element.append(Object.assign(document.createElement('p'), { textContent: shell.t('hello_c.empty') }));
            return;
          }
          const list = document.createElement('ul');
          for (const n of data.notes) list.append(Object.assign(document.createElement('li'), { textContent: n.text }));
          element.append(list);
        },
        (err) => {
          const box = Object.assign(document.createElement('div'), { className: 'alert alert-error', textContent: err.message });
          box.setAttribute('role', 'alert');
          element.append(box);
        },
      );
      return () => { alive = false; };
    },
  });
}
