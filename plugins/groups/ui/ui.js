// The groups UI module: directory, my groups, suggestions, creating a group, the group page
// (stream, announcements, members, requests, invitations, settings), my invitations and joining
// by link. Loaded by the shell (see frontend/PLUGIN_UI.md); German first, English second.
import { de, en } from './i18n.js';
import { el, field, errorBox, clear, uid } from './dom.js';

const API = '/api/p/groups';
const CATEGORIES = ['verein', 'initiative', 'schule', 'nachbarschaft', 'verwaltung', 'other'];
const VISIBILITIES = ['public', 'private', 'hidden'];

export function register(shell) {
  const t = shell.t;
  shell.addTranslations('de', de);
  shell.addTranslations('en', en);
  shell.addNavigation({ path: '/groups', label: () => t('groups.nav'), order: 20 });

  // Runs an API call, shows its error in `box` (role=alert) and returns null on failure.
  async function attempt(box, fn) {
    if (box) clear(box);
    try {
      return await fn();
    } catch (err) {
      if (box) box.append(errorBox(err && err.message ? err.message : String(err)));
      return null;
    }
  }

  function groupCard(g) {
    const meta = [t(`groups.cat.${g.category}`), t(`groups.vis_short.${g.visibility}`)];
    if (g.my_role) meta.push(t(`groups.role.${g.my_role}`));
    return el('li', { class: 'item-card' },
      el('h3', { class: 'item-title' }, el('a', { href: `/groups/${g.slug}`, text: g.name })),
      g.description ? el('p', { text: g.description }) : null,
      el('p', { class: 'item-meta', text: meta.join(' · ') }));
  }

  function groupList(groups, emptyKey) {
    if (!groups.length) return el('p', { text: t(emptyKey) });
    return el('ul', { class: 'group-list' }, groups.map(groupCard));
  }

  async function neighbourhoods() {
    try {
      const data = await shell.api.get('/api/neighbourhoods');
      return data.neighbourhoods || data.items || [];
    } catch {
      return [];
    }
  }

  function select(options, value) {
    const s = el('select');
    for (const [v, label] of options) s.append(el('option', { value: v, text: label, selected: String(v) === String(value) }));
    return s;
  }

  // ---- /groups: directory with search and filters, my groups, suggestions ----
  shell.addRoute('/groups', {
    title: () => t('groups.title'),
    mount(element, ctx) {
      const q = ctx.query;
      const results = el('div', { 'aria-live': 'polite' });
      const errors = el('div');
      const search = field(t('groups.search'), el('input', { type: 'search', name: 'q', value: q.get('q') || '' }));
      const cat = field(t('groups.category'), select([['', t('groups.any_category')], ...CATEGORIES.map((c) => [c, t(`groups.cat.${c}`)])], q.get('category') || ''));
      const nb = field(t('groups.neighbourhood'), select([['', t('groups.any_neighbourhood')], ['0', t('groups.city_wide')]], q.get('neighbourhood_id') || ''));
      neighbourhoods().then((list) => { for (const n of list) nb.input.append(el('option', { value: n.id, text: n.name, selected: String(n.id) === q.get('neighbourhood_id') })); });
      const form = el('form', { class: 'form', role: 'search', onsubmit: (e) => { e.preventDefault(); load(); } },
        search.wrap, cat.wrap, nb.wrap, el('button', { type: 'submit', class: 'button button-primary', text: t('groups.search_button') }));
      const mineBox = el('div');
      const suggestBox = el('div');
      element.append(
        el('p', {}, el('a', { href: '/groups/new', class: 'button button-primary', text: t('groups.create') }), ' ',
          el('a', { href: '/groups/invitations', class: 'button button-secondary', text: t('groups.my_invitations') })),
        el('section', { 'aria-labelledby': 'groups-mine-h' }, el('h2', { id: 'groups-mine-h', text: t('groups.mine') }), mineBox),
        el('section', { 'aria-labelledby': 'groups-suggest-h' }, el('h2', { id: 'groups-suggest-h', text: t('groups.suggestions') }), suggestBox),
        el('section', { 'aria-labelledby': 'groups-dir-h' }, el('h2', { id: 'groups-dir-h', text: t('groups.directory') }), form, errors, results));

      async function load() {
        const params = new URLSearchParams();
        if (search.input.value.trim()) params.set('q', search.input.value.trim());
        if (cat.input.value) params.set('category', cat.input.value);
        if (nb.input.value !== '') params.set('neighbourhood_id', nb.input.value);
        const data = await attempt(errors, () => shell.api.get(`${API}/groups?${params}`));
        clear(results);
        if (data) results.append(groupList(data.groups, 'groups.empty'));
      }
      attempt(mineBox, () => shell.api.get(`${API}/groups/mine`)).then((data) => {
        if (!data) return;
        mineBox.append(groupList(data.groups, 'groups.none_yet'));
        if (data.requests.length)
          mineBox.append(el('h3', { text: t('groups.requests_pending') }),
            el('ul', {}, data.requests.map((r) => el('li', {}, el('a', { href: `/groups/${r.slug}`, text: r.name })))));
      });
      attempt(suggestBox, () => shell.api.get(`${API}/groups/suggestions`)).then((data) => {
        if (data) suggestBox.append(groupList(data.groups, 'groups.empty'));
      });
      load();
    },
  });

  // ---- /groups/new ----
  shell.addRoute('/groups/new', {
    title: () => t('groups.create_title'),
    mount(element) {
      const errors = el('div');
      const name = field(t('groups.name'), el('input', { type: 'text', required: true, maxlength: 120, autocomplete: 'off' }));
      const slug = field(t('groups.slug'), el('input', { type: 'text', maxlength: 64, pattern: '[a-z0-9-]{2,64}' }));
      const description = field(t('groups.description'), el('textarea', { rows: 4, maxlength: 4000 }));
      const image = field(t('groups.image'), el('input', { type: 'text', maxlength: 500 }));
      const cat = field(t('groups.category'), select(CATEGORIES.map((c) => [c, t(`groups.cat.${c}`)]), 'verein'));
      const nb = field(t('groups.neighbourhood'), select([['0', t('groups.city_wide')]], '0'));
      neighbourhoods().then((list) => { for (const n of list) nb.input.append(el('option', { value: n.id, text: n.name })); });
      const visName = uid('vis');
      const vis = el('fieldset', {}, el('legend', { text: t('groups.visibility') }),
        VISIBILITIES.map((v, i) => {
          const id = uid('vis');
          return el('div', { class: 'checkbox' }, el('input', { type: 'radio', name: visName, id, value: v, checked: i === 0 }), el('label', { for: id, text: t(`groups.vis.${v}`) }));
        }));
      const form = el('form', { class: 'form', onsubmit: async (e) => {
        e.preventDefault();
        const body = {
          name: name.input.value.trim(), description: description.input.value, image: image.input.value.trim() || null,
          category: cat.input.value, neighbourhood_id: Number(nb.input.value),
          visibility: form.querySelector(`input[name="${visName}"]:checked`).value,
        };
        if (slug.input.value.trim()) body.slug = slug.input.value.trim();
        const g = await attempt(errors, () => shell.api.post(`${API}/groups`, body));
        if (g) shell.navigate(`/groups/${g.slug}`);
      } }, errors, name.wrap, slug.wrap, description.wrap, image.wrap, cat.wrap, nb.wrap, vis,
      el('button', { type: 'submit', class: 'button button-primary', text: t('groups.create') }));
      element.append(form);
      name.input.focus();
    },
  });

  // ---- /groups/invitations: my invitations ----
  shell.addRoute('/groups/invitations', {
    title: () => t('groups.my_invitations'),
    mount(element) {
      const box = el('div', { 'aria-live': 'polite' });
      element.append(box);
      async function load() {
        const data = await attempt(box, () => shell.api.get(`${API}/invitations`));
        if (!data) return;
        clear(box);
        if (!data.invitations.length) { box.append(el('p', { text: t('groups.no_invitations') })); return; }
        box.append(el('ul', { class: 'group-list' }, data.invitations.map((inv) => {
          const status = el('div');
          const answer = async (what) => {
            const r = await attempt(status, () => shell.api.post(`${API}/invitations/${inv.id}/${what}`));
            if (!r) return;
            if (what === 'accept') { shell.announce(t('groups.joined')); shell.navigate(`/groups/${inv.group.slug}`); } else load();
          };
          return el('li', { class: 'item-card' },
            el('h2', { class: 'item-title', text: inv.group.name }),
            inv.group.description ? el('p', { text: inv.group.description }) : null,
            el('p', { class: 'item-meta', text: t('groups.invited_by', { name: inv.inviter.display_name || '?' }) }),
            status,
            el('div', { class: 'actions' },
              el('button', { type: 'button', class: 'button button-primary', text: t('groups.accept'), onclick: () => answer('accept') }),
              el('button', { type: 'button', class: 'button button-secondary', text: t('groups.reject'), onclick: () => answer('decline') })));
        })));
      }
      load();
    },
  });

  // ---- /groups/join/:token: an invitation link ----
  shell.addRoute('/groups/join/:token', {
    title: () => t('groups.join_link_title'),
    mount(element, ctx) {
      const box = el('div', { 'aria-live': 'polite' });
      element.append(box);
      attempt(box, () => shell.api.get(`${API}/join/${encodeURIComponent(ctx.params.token)}`)).then((data) => {
        if (!data) return;
        const g = data.group;
        const status = el('div');
        box.append(el('h2', { text: g.name }), g.description ? el('p', { text: g.description }) : null, status);
        if (g.my_role) {
          box.append(el('p', { text: t('groups.already_member') }), el('a', { href: `/groups/${g.slug}`, text: t('groups.open_group') }));
          return;
        }
        box.append(el('button', { type: 'button', class: 'button button-primary', text: t('groups.join_link_button'), onclick: async () => {
          const r = await attempt(status, () => shell.api.post(`${API}/join/${encodeURIComponent(ctx.params.token)}`));
          if (r) { shell.announce(t('groups.joined')); shell.navigate(`/groups/${g.slug}`); }
        } }));
      });
    },
  });

  // ---- /groups/:slug: the group page ----
  shell.addRoute('/groups/:slug', {
    title: () => t('groups.title'),
    mount(element, ctx) {
      const slug = ctx.params.slug;
      const base = `${API}/groups/${encodeURIComponent(slug)}`;
      const top = el('div');
      element.append(top);
      async function load() {
        clear(top);
        const g = await attempt(top, () => shell.api.get(base));
        if (!g) return;
        document.title = `${g.name} – ${document.title.split(' – ').pop()}`;
        const meta = [t(`groups.cat.${g.category}`), t(`groups.vis_short.${g.visibility}`), t('groups.members_count', { count: g.member_count })];
        top.append(el('h2', { text: g.name }), el('p', { class: 'item-meta', text: meta.join(' · ') }));
        if (g.image) top.append(el('img', { src: g.image, alt: '', class: 'group-image' }));
        if (g.description) top.append(el('p', { text: g.description }));
        top.append(membershipBox(g));
        top.append(streamSection(g));
        if (g.my_role || g.visibility === 'public' || g.can_manage) top.append(membersSection(g));
        if (g.can_manage) top.append(requestsSection(g), reportsSection(), invitationsSection(g), settingsSection(g));
      }

      function membershipBox(g) {
        const status = el('div');
        const box = el('div', { class: 'actions' }, status);
        const act = async (fn, msg) => { const r = await attempt(status, fn); if (r !== null) { shell.announce(t(msg)); load(); } };
        if (g.my_role) {
          box.append(el('p', { text: t(`groups.role.${g.my_role}`) }),
            el('button', { type: 'button', class: 'button button-secondary', text: t('groups.leave'), onclick: () => act(() => shell.api.post(`${base}/leave`).then(() => true), 'groups.left') }));
        } else if (g.my_request) {
          box.append(el('p', { text: t('groups.requested') }),
            el('button', { type: 'button', class: 'button button-secondary', text: t('groups.withdraw'), onclick: () => act(() => shell.api.del(`${base}/request`).then(() => true), 'groups.withdraw') }));
        } else if (g.visibility === 'public') {
          box.append(el('button', { type: 'button', class: 'button button-primary', text: t('groups.join'), onclick: () => act(() => shell.api.post(`${base}/join`), 'groups.joined') }));
        } else if (g.visibility === 'private') {
          const msg = field(t('groups.request_message'), el('textarea', { rows: 2, maxlength: 1000 }));
          box.append(el('form', { class: 'form', onsubmit: (e) => { e.preventDefault(); act(() => shell.api.post(`${base}/join`, { message: msg.input.value }), 'groups.requested'); } },
            msg.wrap, el('button', { type: 'submit', class: 'button button-primary', text: t('groups.request') })));
        }
        return box;
      }

      function streamSection(g) {
        const hid = uid('h');
        const list = el('div', { 'aria-live': 'polite' });
        const section = el('section', { 'aria-labelledby': hid }, el('h2', { id: hid, text: t('groups.stream') }));
        if (!g.my_role && g.visibility !== 'public' && !g.can_manage) {
          section.append(el('p', { text: t('groups.members_only') }));
          return section;
        }
        if (g.my_role) {
          const errors = el('div');
          const body = field(t('groups.post_body'), el('textarea', { rows: 3, required: true, maxlength: 20000 }));
          section.append(el('form', { class: 'form composer', 'aria-label': t('groups.write'), onsubmit: async (e) => {
            e.preventDefault();
            const r = await attempt(errors, () => shell.api.post('/api/posts', { container_id: g.container_id, body: body.input.value }));
            if (r) { body.input.value = ''; shell.announce(t('groups.posted')); loadStream(); }
          } }, errors, body.wrap, el('button', { type: 'submit', class: 'button button-primary', text: t('groups.post_submit') })));
        }
        if (g.can_manage && g.my_role) {
          const errors = el('div');
          const title = field(t('groups.announce_title'), el('input', { type: 'text', required: true, maxlength: 200 }));
          const body = field(t('groups.announce_body'), el('textarea', { rows: 3, required: true }));
          section.append(el('details', {}, el('summary', { text: t('groups.announce') }),
            el('form', { class: 'form', onsubmit: async (e) => {
              e.preventDefault();
              const r = await attempt(errors, () => shell.api.post(`${base}/announcements`, { title: title.input.value, body: body.input.value }));
              if (r) { title.input.value = ''; body.input.value = ''; shell.announce(t('groups.announced')); loadStream(); }
            } }, errors, title.wrap, body.wrap, el('button', { type: 'submit', class: 'button button-primary', text: t('groups.announce_submit') }))));
        }
        section.append(list);
        async function loadStream() {
          const data = await attempt(list, () => shell.api.get(`/api/stream?scope=container&id=${g.container_id}`));
          if (!data) return;
          clear(list);
          const items = data.items || [];
          if (!items.length) { list.append(el('p', { text: t('groups.stream_empty') })); return; }
          list.append(el('ul', { class: 'group-stream' }, items.map((it) => el('li', { class: 'item-card' },
            it.title ? el('h3', { class: 'item-title' }, el('a', { href: `/content/${it.id}`, text: it.title })) : null,
            el('p', { text: it.summary || it.body || '' }),
            el('p', { class: 'item-meta' },
              (it.author && it.author.display_name) || '', ' · ',
              el('a', { href: `/content/${it.id}`, text: shell.formatDate(it.created_at) }))))));
        }
        loadStream();
        return section;
      }

      function membersSection(g) {
        const hid = uid('h');
        const box = el('div');
        const section = el('section', { 'aria-labelledby': hid }, el('h2', { id: hid, text: t('groups.members') }), box);
        attempt(box, () => shell.api.get(`${base}/members`)).then((data) => {
          if (!data) return;
          box.append(el('ul', { class: 'people-list' }, data.members.map((m) => {
            const li = el('li', { class: 'person' }, el('a', { href: `/people/${m.user_id}`, class: 'person-name', text: m.display_name }), ' – ', t(`groups.role.${m.role}`));
            const status = el('div');
            if (g.my_role === 'owner' || (g.can_manage && g.my_role !== 'moderator')) {
              const role = field(t('groups.make_role', { name: m.display_name }), select(['owner', 'moderator', 'member'].map((r) => [r, t(`groups.role.${r}`)]), m.role));
              li.append(el('form', { class: 'form', onsubmit: async (e) => {
                e.preventDefault();
                const r = await attempt(status, () => shell.api.put(`${base}/members/${m.user_id}`, { role: role.input.value }));
                if (r) { shell.announce(t('groups.saved')); load(); }
              } }, role.wrap, el('button', { type: 'submit', class: 'button button-secondary', text: t('groups.save_role') })));
            }
            if (g.can_manage && m.user_id !== (shell.user() || {}).id && (g.my_role === 'owner' || m.role === 'member')) {
              li.append(el('button', { type: 'button', class: 'button button-danger', text: t('groups.remove', { name: m.display_name }), onclick: async () => {
                const r = await attempt(status, () => shell.api.del(`${base}/members/${m.user_id}`).then(() => true));
                if (r) load();
              } }));
            }
            li.append(status);
            return li;
          })));
        });
        return section;
      }

      function requestsSection(g) {
        const hid = uid('h');
        const box = el('div');
        attempt(box, () => shell.api.get(`${base}/requests`)).then((data) => {
          if (!data) return;
          if (!data.requests.length) { box.append(el('p', { text: t('groups.no_requests') })); return; }
          box.append(el('ul', {}, data.requests.map((r) => {
            const status = el('div');
            const decide = async (what) => { const x = await attempt(status, () => shell.api.post(`${base}/requests/${r.user_id}/${what}`)); if (x) load(); };
            return el('li', {}, el('strong', { text: r.display_name }), r.message ? el('p', { text: r.message }) : null, status,
              el('button', { type: 'button', class: 'button button-primary', text: t('groups.approve', { name: r.display_name }), onclick: () => decide('approve') }), ' ',
              el('button', { type: 'button', class: 'button button-secondary', text: t('groups.decline', { name: r.display_name }), onclick: () => decide('decline') }));
          })));
        });
        return el('section', { 'aria-labelledby': hid }, el('h2', { id: hid, text: t('groups.requests') }), box);
      }

      // Reports about the group's content: hide or delete with a reason the author sees, or dismiss.
      function reportsSection() {
        const hid = uid('h');
        const box = el('div');
        attempt(box, () => shell.api.get(`${base}/reports`)).then((data) => {
          if (!data) return;
          if (!data.reports.length) { box.append(el('p', { text: t('groups.no_reports') })); return; }
          box.append(el('ul', {}, data.reports.map((r) => {
            const status = el('div');
            const reason = field(t('groups.report_reason'), el('input', { type: 'text', maxlength: 2000 }));
            const act = async (action) => {
              const body = { action, target_type: r.target_type, target_id: r.target_id, reason: reason.input.value.trim() };
              const x = await attempt(status, () => shell.api.post(`${base}/moderation`, body).then(() => true));
              if (x) { shell.announce(t('groups.handled')); load(); }
            };
            const label = t(r.target_type === 'comment' ? 'groups.report_comment_of' : 'groups.report_of', { reason: r.reason, name: r.author.display_name || '?' });
            return el('li', { class: 'report-entry' }, el('p', {}, el('strong', { text: label })),
              r.details ? el('p', { class: 'quote', text: r.details }) : null,
              el('p', {}, el('a', { href: `/content/${r.content_id}`, text: t('groups.open_item') })),
              status, reason.wrap,
              el('div', { class: 'actions' },
                el('button', { type: 'button', class: 'button button-secondary', text: t('groups.hide'), onclick: () => act('hide') }),
                el('button', { type: 'button', class: 'button button-danger', text: t('groups.delete_item'), onclick: () => act('delete') }),
                el('button', { type: 'button', class: 'button button-secondary', text: t('groups.dismiss'), onclick: () => act('dismiss') })));
          })));
        });
        return el('section', { 'aria-labelledby': hid }, el('h2', { id: hid, text: t('groups.reports') }), box);
      }

      function invitationsSection(g) {
        const hid = uid('h');
        const errors = el('div');
        const found = el('ul', { 'aria-live': 'polite' });
        const who = field(t('groups.invite_search'), el('input', { type: 'search', autocomplete: 'off' }));
        const byPerson = el('form', { class: 'form', onsubmit: async (e) => {
          e.preventDefault();
          clear(found);
          const data = await attempt(errors, () => shell.api.get(`/api/search?q=${encodeURIComponent(who.input.value.trim())}`));
          if (!data) return;
          for (const p of data.people || []) {
            found.append(el('li', {}, el('button', { type: 'button', class: 'button button-secondary', text: t('groups.invite_button', { name: p.display_name }), onclick: async () => {
              const r = await attempt(errors, () => shell.api.post(`${base}/invitations`, { user_id: p.id }));
              if (r) { shell.announce(t('groups.invited')); loadList(); }
            } })));
          }
        } }, who.wrap, el('button', { type: 'submit', class: 'button button-secondary', text: t('groups.invite_find') }));
        const single = el('input', { type: 'checkbox', id: uid('single'), checked: true });
        const hours = field(t('groups.expires_hours'), el('input', { type: 'number', min: 1, max: 2160, value: 168 }));
        const created = el('div', { 'aria-live': 'polite' });
        const byLink = el('form', { class: 'form', onsubmit: async (e) => {
          e.preventDefault();
          clear(created);
          const r = await attempt(errors, () => shell.api.post(`${base}/invitations`, { link: true, single_use: single.checked, expires_in_hours: Number(hours.input.value) }));
          if (!r) return;
          const url = `${location.origin}${r.path}`;
          const out = field(t('groups.link_created'), el('input', { type: 'text', readonly: true, value: url }));
          created.append(out.wrap);
          out.input.select();
          loadList();
        } }, el('div', { class: 'checkbox' }, single, el('label', { for: single.id, text: t('groups.single_use') })), hours.wrap,
        el('button', { type: 'submit', class: 'button button-secondary', text: t('groups.invite_link') }));
        const listBox = el('div');
        async function loadList() {
          const data = await attempt(listBox, () => shell.api.get(`${base}/invitations`));
          if (!data) return;
          clear(listBox);
          const revoke = (id) => el('button', { type: 'button', class: 'button button-secondary', text: t('groups.revoke'), onclick: async () => {
            const r = await attempt(errors, () => shell.api.del(`${base}/invitations/${id}`).then(() => true));
            if (r) loadList();
          } });
          if (data.people.length)
            listBox.append(el('h3', { text: t('groups.pending_people') }), el('ul', {}, data.people.map((p) => el('li', {}, p.display_name, ' ', revoke(p.id)))));
          if (data.links.length)
            listBox.append(el('h3', { text: t('groups.links') }), el('ul', {}, data.links.map((l) => el('li', {},
              l.single_use ? t('groups.single_use') : '', l.expires_at ? ` · ${shell.formatDate(l.expires_at)}` : '', ' ', revoke(l.id)))));
        }
        loadList();
        return el('section', { 'aria-labelledby': hid }, el('h2', { id: hid, text: t('groups.invitations') }), errors,
          el('h3', { text: t('groups.invite_person') }), byPerson, found, el('h3', { text: t('groups.invite_link') }), byLink, created, listBox);
      }

      function settingsSection(g) {
        const hid = uid('h');
        const errors = el('div');
        const name = field(t('groups.name'), el('input', { type: 'text', value: g.name, required: true, maxlength: 120 }));
        const description = field(t('groups.description'), el('textarea', { rows: 4, maxlength: 4000 }));
        description.input.value = g.description;
        const image = field(t('groups.image'), el('input', { type: 'text', value: g.image || '', maxlength: 500 }));
        const cat = field(t('groups.category'), select(CATEGORIES.map((c) => [c, t(`groups.cat.${c}`)]), g.category));
        const vis = field(t('groups.visibility'), select(VISIBILITIES.map((v) => [v, t(`groups.vis.${v}`)]), g.visibility));
        if (g.my_role !== 'owner') vis.input.disabled = true;
        const settings = el('form', { class: 'form', onsubmit: async (e) => {
          e.preventDefault();
          const body = { name: name.input.value, description: description.input.value, image: image.input.value.trim(), category: cat.input.value };
          if (!vis.input.disabled) body.visibility = vis.input.value;
          const r = await attempt(errors, () => shell.api.patch(base, body));
          if (r) { shell.announce(t('groups.saved')); load(); }
        } }, errors, name.wrap, description.wrap, image.wrap, cat.wrap, vis.wrap, el('button', { type: 'submit', class: 'button button-primary', text: t('groups.save') }));
        const section = el('section', { 'aria-labelledby': hid }, el('h2', { id: hid, text: t('groups.settings') }), settings);
        if (g.my_role === 'owner' || (shell.user() || {}).role === 'admin') {
          const delErrors = el('div');
          const confirm = field(t('groups.delete_confirm'), el('input', { type: 'text', autocomplete: 'off' }), t('groups.delete_hint', { slug: g.slug }));
          section.append(el('h3', { text: t('groups.delete') }), el('form', { class: 'form', onsubmit: async (e) => {
            e.preventDefault();
            const r = await attempt(delErrors, () => shell.api.del(base, { confirm: confirm.input.value.trim() }).then(() => true));
            if (r) { shell.announce(t('groups.deleted')); shell.navigate('/groups'); }
          } }, delErrors, confirm.wrap, el('button', { type: 'submit', class: 'button button-danger', text: t('groups.delete') })));
        }
        return section;
      }

      load();
    },
  });
}
