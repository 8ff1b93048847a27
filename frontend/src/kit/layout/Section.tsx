// A titled part of a page (kit, shell API 3): a <section> named by its own heading, so screen
// readers list it as a region. Plugins had their own copies of this; the kit's keeps ids unique.
import type { ComponentChildren } from 'preact';
import { useId } from '../../components/ui';

export function Section(props: { title: ComponentChildren; level?: 2 | 3 | 4; class?: string; children?: ComponentChildren }) {
  const id = useId('section');
  const Heading = props.level === 3 ? 'h3' : props.level === 4 ? 'h4' : 'h2';
  return (
    <section aria-labelledby={id} class={props.class}>
      <Heading id={id}>{props.title}</Heading>
      {props.children}
    </section>
  );
}
