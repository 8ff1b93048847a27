// Settings, push notifications: which notifications come to this device (mentions, replies,
// urgent announcements), switching push on (the browser asks for permission only when the
// button is pressed) and off, and every device the person switched it on in, each removable.
import { useEffect, useState } from 'preact/hooks';
import { deletePushDevice, fetchPushConfig, fetchPushDevices, type PushDevice, type PushTopic } from '../api/push';
import { currentSubscription, disablePush, enablePush, pushSupport } from '../pwa/pushDevice';
import { t } from '../i18n';
import { announce } from '../announce';
import { ErrorAlert, Loading, Notice, Time, useAction, useLoad } from './ui';

const TOPICS: PushTopic[] = ['mentions', 'replies', 'urgent'];

function DeviceList(props: { devices: PushDevice[]; here: string | null; onRemove: (d: PushDevice) => void }) {
  if (!props.devices.length) return <p>{t('push.noDevices')}</p>;
  return (
    <ul class="session-list push-devices">
      {props.devices.map((d) => (
        <li key={d.id}>
          <span>{d.label || d.service}</span>
          {d.endpoint === props.here && <strong> ({t('push.thisDevice')})</strong>}
          <br />
          <span class="hint">
            {t('push.since')} <Time ms={d.created_at} />
            {d.last_sent_at ? (
              <>
                {' · '}
                {t('push.lastSent')} <Time ms={d.last_sent_at} />
              </>
            ) : null}
            {d.last_error ? ` · ${t('push.lastError')}: ${d.last_error}` : null}
          </span>{' '}
          <button type="button" class="link-button" onClick={() => props.onRemove(d)}>
            {t('push.remove')}
            <span class="visually-hidden"> {d.label || d.service}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function PushSettings() {
  const config = useLoad((signal) => fetchPushConfig(signal), []);
  const devices = useLoad((signal) => fetchPushDevices(signal), []);
  const [here, setHere] = useState<string | null>(null);
  const [topics, setTopics] = useState<PushTopic[]>(TOPICS);
  const [message, setMessage] = useState('');
  const support = pushSupport();
  useEffect(() => {
    currentSubscription().then((s) => setHere(s?.endpoint ?? null), () => setHere(null));
  }, []);
  const mine = devices.data?.find((d) => d.endpoint === here) ?? null;
  useEffect(() => {
    if (mine) setTopics(mine.topics);
  }, [mine]);

  const done = (text: string) => {
    setMessage(text);
    announce(text);
  };
  const on = useAction(async () => {
    setMessage('');
    if (!topics.length) throw t('push.noneChosen');  // ErrorAlert shows a string as it is
    const result = await enablePush(config.data?.public_key ?? '', topics);
    if (result !== 'ok') throw t(`push.${result}`);
    setHere((await currentSubscription())?.endpoint ?? null);
    devices.reload();
    done(mine ? t('push.saved') : t('push.enabled'));
  });
  const off = useAction(async () => {
    await disablePush();
    setHere(null);
    devices.reload();
    done(t('push.disabled'));
  });
  const remove = useAction(async (d: PushDevice) => {
    await deletePushDevice(d.id);
    if (d.endpoint === here) await disablePush().catch(() => undefined);
    devices.reload();
    done(t('push.removed'));
  });

  if (config.loading || devices.loading) return <Loading />;
  if (config.error) return <ErrorAlert error={config.error} />;
  if (!config.data?.enabled) return <p>{t('push.off')}</p>;
  const toggle = (topic: PushTopic, checked: boolean) =>
    setTopics((old) => (checked ? TOPICS.filter((x) => x === topic || old.includes(x)) : old.filter((x) => x !== topic)));
  return (
    <>
      <p>{t('push.explain')}</p>
      {support === 'unsupported' && <p>{t('push.unsupported')}</p>}
      {support === 'denied' && <p>{t('push.denied')}</p>}
      {support === 'ok' && (
        <>
          <fieldset>
            <legend>{t('push.topics')}</legend>
            {TOPICS.map((topic) => (
              <div class="field checkbox" key={topic}>
                <input
                  id={`push-${topic}`}
                  type="checkbox"
                  checked={topics.includes(topic)}
                  onChange={(e) => toggle(topic, (e.target as HTMLInputElement).checked)}
                />
                <label for={`push-${topic}`}>{t(`push.topic.${topic}`)}</label>
              </div>
            ))}
          </fieldset>
          <ErrorAlert error={on.error ?? off.error} />
          {message && <Notice kind="success"><p>{message}</p></Notice>}
          {mine && <p>{t('push.on')}</p>}
          <p class="actions">
            <button type="button" class="button button-primary" aria-disabled={on.busy ? 'true' : undefined} onClick={() => on.run()}>
              {on.busy ? t('form.working') : mine ? t('push.save') : t('push.enable')}
            </button>
            {mine && (
              <button type="button" class="button button-secondary" aria-disabled={off.busy ? 'true' : undefined} onClick={() => off.run()}>
                {t('push.disable')}
              </button>
            )}
          </p>
        </>
      )}
      <h3>{t('push.devices')}</h3>
      <ErrorAlert error={remove.error ?? devices.error} />
      <DeviceList devices={devices.data ?? []} here={here} onRemove={(d) => remove.run(d)} />
    </>
  );
}
