// One fact of a description list (<dl>): its label and value, as the admin pages list a
// plugin's or a job's facts.
import type { ComponentChildren } from 'preact';

export function Fact(props: { label: string; children: ComponentChildren }) {
  return (
    <div>
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}
