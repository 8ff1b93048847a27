// A text area that completes "@Na…" to a mention: after "@" and two letters it suggests people
// the writer can find (the search's people, which already leaves out whom they may not see), and
// picking one writes the link the server turns into a mention, [@Name](/people/ID). Keys: arrows
// move through the suggestions, Enter or Tab take one, Escape closes them; a tap takes one too.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tn } from '../../i18n';
import { announce } from '../../announce';
import { TextArea, useId } from '../../components/ui';
import { search, type SearchPerson } from '../../api/content';

/** The "@word" right before the caret, if the caret is in one: where it starts and what it says. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const m = /(?:^|[\s(])@([\p{L}\p{N}][\p{L}\p{N}._-]{1,39})$/u.exec(text.slice(0, caret));
  return m ? { start: caret - m[1].length - 1, query: m[1] } : null;
}

/** The Markdown link of a mention. Brackets and backslashes are left out of the name: the server
 * counts "[@…](/people/ID)" as a mention only with no other "[" inside. */
export function mentionLink(p: { id: number; display_name: string }): string {
  return `[@${p.display_name.replace(/[[\]\\]/g, '').trim()}](/people/${p.id})`;
}

export function MentionTextArea(props: {
  label: string;
  value: string;
  onValue: (v: string) => void;
  hint?: string;
  rows?: number;
  maxLength?: number;
  error?: string;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const listId = useId('mentions');
  const [at, setAt] = useState<{ start: number; query: string } | null>(null);
  const [people, setPeople] = useState<SearchPerson[]>([]);
  const [active, setActive] = useState(0);

  // Suggestions for the word being typed, a moment after the last key; an older answer is dropped.
  const query = at?.query ?? '';
  useEffect(() => {
    if (!query) {
      setPeople([]);
      return;
    }
    const abort = new AbortController();
    const timer = setTimeout(() => {
      search(query, 0, 1, abort.signal)
        .then((r) => {
          const found = r.people.filter((p) => p.id !== undefined && p.display_name).slice(0, 6);
          setPeople(found);
          setActive(0);
          if (found.length) announce(tn('mention.found', found.length));
        })
        .catch(() => setPeople([])); // no suggestions; writing goes on
    }, 200);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [query]);

  const track = () => {
    const el = area.current;
    setAt(el ? mentionAt(el.value, el.selectionStart ?? el.value.length) : null);
  };
  const pick = (p: SearchPerson) => {
    const el = area.current;
    if (!el || !at || p.id === undefined) return;
    const caret = el.selectionStart ?? el.value.length;
    const link = `${mentionLink({ id: p.id, display_name: p.display_name ?? '' })} `;
    const next = el.value.slice(0, at.start) + link + el.value.slice(caret);
    props.onValue(next);
    setAt(null);
    announce(t('mention.inserted', { name: p.display_name ?? '' }));
    const where = at.start + link.length;
    requestAnimationFrame(() => {
      el.focus();
      el.setSelectionRange(where, where);
    });
  };
  const open = !!at && people.length > 0;
  const onKeyDown = (e: KeyboardEvent) => {
    if (!open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : people.length - 1)) % people.length);
    } else if (e.key === 'Enter' || e.key === 'Tab') {
      e.preventDefault();
      pick(people[active]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setAt(null);
    }
  };
  return (
    <TextArea
      label={props.label}
      value={props.value}
      onValue={(v) => {
        props.onValue(v);
        track();
      }}
      hint={props.hint}
      rows={props.rows}
      maxLength={props.maxLength}
      error={props.error}
      input={{
        ref: area,
        onKeyDown,
        onClick: track,
        onBlur: () => setAt(null), // a pick keeps the focus (mousedown is prevented), so leaving closes
        'aria-autocomplete': 'list',
        'aria-controls': open ? listId : undefined,
        'aria-activedescendant': open ? `${listId}-${active}` : undefined,
      }}
      after={
        open && (
          <ul class="mention-suggestions" id={listId} role="listbox" aria-label={t('mention.suggestions')}>
            {people.map((p, i) => (
              <li
                key={p.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active ? 'true' : 'false'}
                onMouseDown={(e) => {
                  e.preventDefault(); // keep the focus in the text
                  pick(p);
                }}
              >
                {p.display_name}
                {p.department ? <span class="hint"> · {p.department}</span> : null}
              </li>
            ))}
          </ul>
        )
      }
    />
  );
}
