// Finding people by name and acting on one (invite, add, write to): a search field, then one
// button per person found. The number found is announced; focus stays where the person is.
import { useState } from 'preact/hooks';
import { t, tn } from '../../i18n';
import { announce } from '../../announce';
import { ErrorAlert, Field, Submit, onSubmit, useAction } from '../../components/ui';
import { BusyButton } from '../forms/BusyButton';
import { search, type SearchPerson } from '../../api/content';

export function PersonPicker(props: {
  label: string;
  searchLabel: string;
  /** The button's words for one person, e.g. "Clara einladen". */
  actionLabel: (name: string) => string;
  onPick: (person: SearchPerson) => Promise<unknown>;
  /** People not to offer (e.g. me, members already in). */
  exclude?: number[];
}) {
  const [text, setText] = useState('');
  const [found, setFound] = useState<SearchPerson[] | null>(null);
  const find = useAction(async () => {
    if (!text.trim()) return;
    const { people } = await search(text.trim(), 0, 20);
    const shown = people.filter((p) => p.id !== undefined && !(props.exclude ?? []).includes(p.id));
    setFound(shown);
    announce(tn('picker.found', shown.length));
  });
  return (
    <div class="person-picker">
      <form class="form inline-form" onSubmit={onSubmit(find.run)} noValidate>
        <ErrorAlert error={find.error} />
        <Field label={props.label} type="search" autoComplete="off" value={text} onValue={setText} />
        <Submit busy={find.busy}>{props.searchLabel}</Submit>
      </form>
      {found && found.length === 0 && <p>{t('picker.none')}</p>}
      {found && found.length > 0 && (
        <ul class="plain-list">
          {found.map((p) => (
            <li key={p.id}>
              <BusyButton onPress={() => props.onPick(p)}>{props.actionLabel(p.display_name ?? '')}</BusyButton>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
