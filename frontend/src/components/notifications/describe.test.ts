import { describe, expect, it } from 'vitest';
import { setLanguage, loadLanguage } from '../../i18n';
import { describeNotification } from './describe';
import type { NotificationData as Notification } from '../../api/notifications';

const base: Notification = { id: 1, kind: 'mention', payload: {}, link: '/content/7', urgent: false, created_at: 0, read: false };

describe('describeNotification', () => {
  it('names who acted and where, in German', () => {
    setLanguage('de');
    const n = { ...base, actor_name: 'Anna', where: { name: 'Gartenfreunde', kind: 'groups.group' }, payload: { title: 'Beete' } };
    expect(describeNotification(n)).toBe('Anna hat Sie in „Gartenfreunde“ erwähnt: Beete');
    expect(describeNotification({ ...n, kind: 'comment', where: { name: 'Mitte', kind: 'neighbourhood' } })).toBe(
      'Anna hat Ihren Beitrag im Quartier Mitte kommentiert: Beete',
    );
  });
  it('falls back to the bare sentence without a name (system, erased account) or place', () => {
    setLanguage('de');
    expect(describeNotification({ ...base, kind: 'reaction' })).toBe('Neue Reaktion auf Ihren Beitrag');
    expect(describeNotification({ ...base, kind: 'message', actor_name: 'Anna' })).toBe('Anna hat Ihnen geschrieben');
    expect(describeNotification({ ...base, kind: 'comment', where: { name: 'Mitte', kind: 'neighbourhood' } })).toBe(
      'Neuer Kommentar zu Ihrem Beitrag im Quartier Mitte',
    );
  });
  it('never names the moderator', () => {
    setLanguage('de');
    const n = { ...base, kind: 'moderation', actor_name: 'Moderator Max', payload: { action: 'warn' } };
    expect(describeNotification(n)).toBe('Die Moderation hat Sie verwarnt.');
  });
  it('speaks English', async () => {
    await loadLanguage('en');
    const n = { ...base, kind: 'reply', actor_name: 'Anna', where: { name: 'Anna', kind: 'profile' } };
    expect(describeNotification(n)).toBe("Anna replied to your comment on Anna's profile");
    setLanguage('de');
  });
});
