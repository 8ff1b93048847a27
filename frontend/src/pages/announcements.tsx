// Announcements of the administration: everyone reads them; staff, moderators and admins
// publish them for the whole city or one neighbourhood, pinned and, in a crisis, urgent
// (then every resident of the area is told at once, live and by mail).
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { announce } from '../announce';
import { useStore } from '../store';
import { ItemCard } from '../components/Item';
import { ErrorAlert, Field, Loading, Notice, Page, Select, Submit, TextArea, onSubmit, useAction, useLoad } from '../components/ui';
import type { ContentItemData as ContentItem } from '../api/content';
import { announcementReach, createAnnouncement, fetchStream } from '../api/content';
import { fetchNeighbourhoods } from '../api/neighbourhoods';
import { UrgentConfirm, type UrgentDraft } from '../components/announcements/UrgentConfirm';

function AnnouncementForm(props: { onPublished: (item: ContentItem) => void }) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [area, setArea] = useState('');
  const [pinned, setPinned] = useState(false);
  const [urgent, setUrgent] = useState(false);
  const [done, setDone] = useState(false);
  const [draft, setDraft] = useState<UrgentDraft | null>(null);
  const hoods = useLoad((signal) => fetchNeighbourhoods(signal), []);
  // An urgent one first shows what goes to how many; the second press sends it.
  const check = useAction(async () => {
    setDone(false);
    if (!title.trim() || !body.trim()) {
      check.setError(t('announcements.missing'));
      return;
    }
    const reach = await announcementReach(area ? Number(area) : undefined);
    const areaName = area ? (hoods.data ?? []).find((n) => String(n.id) === area)?.name ?? '' : t('announcements.wholeCity');
    setDraft({ title: title.trim(), body: body.trim(), areaName, people: reach.people, mails: reach.mails });
  });
  const { busy, error, setError, run } = useAction(async () => {
    setDone(false);
    setDraft(null);
    if (!title.trim() || !body.trim()) {
      setError(t('announcements.missing'));
      return;
    }
    const item = await createAnnouncement({ title: title.trim(), body: body.trim(), pinned, urgent, neighbourhood_id: area ? Number(area) : undefined });
    setTitle('');
    setBody('');
    setPinned(false);
    setUrgent(false);
    setDone(true);
    announce(t('announcements.published'));
    if (item?.id !== undefined) props.onPublished(item);
  });
  return (
    <section aria-labelledby="announce-heading" class="composer">
      <h2 id="announce-heading">{t('announcements.new')}</h2>
      <form onSubmit={onSubmit(urgent ? check.run : run)} noValidate>
        <ErrorAlert error={error ?? check.error} />
        {done && <Notice kind="success"><p>{t('announcements.published')}</p></Notice>}
        <Field label={t('announcements.titleField')} required value={title} onValue={setTitle} maxLength={300} />
        <TextArea label={t('announcements.body')} hint={t('announcements.bodyHint')} value={body} onValue={setBody} rows={5} required />
        <Select
          label={t('announcements.area')}
          value={area}
          onValue={setArea}
          options={[{ value: '', label: t('announcements.wholeCity') }, ...(hoods.data ?? []).map((n) => ({ value: String(n.id), label: n.name }))]}
        />
        <div class="field checkbox">
          <input id="announce-pinned" type="checkbox" checked={pinned} onChange={(e) => setPinned((e.target as HTMLInputElement).checked)} />
          <label for="announce-pinned">{t('announcements.pinned')}</label>
        </div>
        <div class="field checkbox">
          <input
            id="announce-urgent"
            type="checkbox"
            checked={urgent}
            aria-describedby="announce-urgent-hint"
            onChange={(e) => setUrgent((e.target as HTMLInputElement).checked)}
          />
          <label for="announce-urgent">{t('announcements.urgent')}</label>
        </div>
        <p class="hint" id="announce-urgent-hint">
          {t('announcements.urgentHint')}
        </p>
        <Submit busy={busy || check.busy} busyText={check.busy ? t('announcements.checking') : undefined}>
          {t('announcements.publish')}
        </Submit>
      </form>
      <UrgentConfirm draft={draft} onSend={() => run()} onCancel={() => setDraft(null)} />
    </section>
  );
}

export function AnnouncementsPage() {
  const { user } = useStore();
  const canPublish = user && ['staff', 'moderator', 'admin'].includes(user.role);
  const list = useLoad(async (signal) => {
    const { pinned, items: all } = await fetchStream({ scope: 'home', kind: 'announcement', limit: 50 }, signal);
    const items = all.filter((i) => !pinned.some((p) => p.id === i.id));
    return [...pinned, ...items];
  }, []);
  return (
    <Page title={t('announcements.title')}>
      {canPublish && <AnnouncementForm onPublished={(item) => list.setData([item, ...(list.data ?? [])])} />}
      <section aria-labelledby="announcement-list">
        <h2 id="announcement-list">{t('announcements.latest')}</h2>
        {list.loading && <Loading />}
        <ErrorAlert error={list.error} />
        {list.data && list.data.length === 0 && <p>{t('announcements.none')}</p>}
        {(list.data ?? []).map((item) => (
          <ItemCard key={item.id} item={item} headingLevel={3} />
        ))}
      </section>
    </Page>
  );
}
