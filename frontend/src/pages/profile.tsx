// A person's public profile: GET /api/users/{id} (only signed-in people see it unless the
// person made it public). A signed-in visitor may block or unblock the person here too
// (GET /api/blocks, PUT|DELETE /api/blocks/{id}), with the same explanation as in messages.
import { ItemCard } from '../components/Item';
import { t } from '../i18n';
import { useStore } from '../store';
import { ErrorAlert, Loading, Page, Time, useLoad } from '../components/ui';
import { BlockControl } from '../components/BlockControl';
import { RetryAlert } from '../components/RetryAlert';
import { fetchStream } from '../api/content';
import { fetchBlocked, fetchProfile } from '../api/people';
import { fetchNeighbourhood } from '../api/neighbourhoods';
import { Slot } from '../plugins/slots';
import { Avatar } from '../kit/media/Avatar';

export function ProfilePage(props: { id: string }) {
  const { user } = useStore();
  const profile = useLoad((signal) => fetchProfile(props.id, signal), [props.id]);
  const hood = useLoad(
    async (signal) => (profile.data?.neighbourhood_id ? fetchNeighbourhood(profile.data.neighbourhood_id, signal).catch(() => null) : null),
    [profile.data?.neighbourhood_id],
  );
  // Their posts that this person may read (newest first), only for signed-in visitors.
  const posts = useLoad(
    async (signal) => (user && profile.data ? (await fetchStream({ scope: 'profile', id: profile.data.id, limit: 20 }, signal)).items : null),
    [user?.id, profile.data?.id],
  );
  const p = profile.data;
  const other = user && p && user.id !== p.id;
  // Whether I block this person: asked only on someone else's profile.
  const blocks = useLoad(async (signal) => (other ? fetchBlocked(signal) : null), [user?.id, p?.id]);
  const blocked = !!(p && blocks.data?.includes(p.id));
  const verifiedStaff = p && (p.role === 'staff' || p.role === 'admin');
  return (
    <Page title={p ? p.display_name : t('profile.title')}>
      {profile.loading && <Loading />}
      <ErrorAlert error={profile.error} />
      {p && (
        <>
          {p.avatar && (
            <p class="profile-picture">
              <Avatar name={p.display_name} src={p.avatar} size="large" />
            </p>
          )}
          {p.real_name && <p class="lead">{p.real_name}</p>}
          <ul class="profile-facts">
            {verifiedStaff && <li>{t('profile.staff', { department: p.department || t('profile.administration') })}</li>}
            {p.role === 'moderator' && <li>{t('profile.moderator')}</li>}
            {p.verified_resident && <li>{t('profile.verifiedResident')}</li>}
            {hood.data && <li>{t('profile.neighbourhood', { name: hood.data.name })}</li>}
            {p.member_since ? (
              <li>
                {t('profile.memberSince')} <Time ms={p.member_since} />
              </li>
            ) : null}
          </ul>
          {p.about && (
            <section aria-labelledby="about-heading">
              <h2 id="about-heading">{t('field.about')}</h2>
              {p.about.split(/\n{2,}/).map((para, i) => (
                <p key={i}>{para}</p>
              ))}
            </section>
          )}
          <Slot name="profile.sections" context={{ person: p }} />
          {user && (
            <section aria-labelledby="posts-heading">
              <h2 id="posts-heading">{t('profile.posts')}</h2>
              {posts.loading ? (
                <Loading />
              ) : posts.error ? (
                <RetryAlert error={posts.error} what={t('profile.postsFailed')} onRetry={posts.reload} />
              ) : posts.data && posts.data.length === 0 ? (
                <p>{t('profile.noPosts')}</p>
              ) : (
                posts.data?.map((item) => <ItemCard key={item.id} item={item} headingLevel={3} />)
              )}
            </section>
          )}
          {other && !blocked && (
            <p>
              <a class="button button-secondary" href={`/messages/new?to=${p.id}`}>
                {t('messages.writeTo', { name: p.display_name })}
              </a>
            </p>
          )}
          {other && blocks.data && (
            <section aria-labelledby="block-heading">
              <h2 id="block-heading">{t('profile.blockHeading')}</h2>
              <p class="hint">{blocked ? t('profile.youBlocked', { name: p.display_name }) : t('messages.blockHint')}</p>
              <BlockControl
                as="div"
                id={p.id}
                name={p.display_name}
                blocked={blocked}
                onChange={(now) => blocks.setData(now ? [...(blocks.data ?? []), p.id] : (blocks.data ?? []).filter((b) => b !== p.id))}
              />
            </section>
          )}
          <ErrorAlert error={blocks.error} />
          {user && user.id === p.id && (
            <p>
              <a href="/settings#profile">{t('profile.edit')}</a>
            </p>
          )}
        </>
      )}
    </Page>
  );
}
