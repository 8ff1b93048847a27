// A checkbox and a group of radio buttons (a fieldset with its legend), labelled and keyboard-usable.
import { useId } from '../../components/ui';

export function Checkbox(props: { label: string; checked: boolean; onChecked: (checked: boolean) => void; hint?: string }) {
  const id = useId('c');
  return (
    <div class="checkbox">
      <input id={id} type="checkbox" checked={props.checked} aria-describedby={props.hint ? `${id}-hint` : undefined} onChange={(e) => props.onChecked((e.target as HTMLInputElement).checked)} />
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

export function RadioGroup(props: { legend: string; value: string; onValue: (value: string) => void; options: { value: string; label: string }[] }) {
  const name = useId('r');
  return (
    <fieldset class="field radio-group">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <div class="checkbox" key={o.value}>
          <input id={`${name}-${o.value}`} type="radio" name={name} value={o.value} checked={props.value === o.value} onChange={() => props.onValue(o.value)} />
          <label for={`${name}-${o.value}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}
