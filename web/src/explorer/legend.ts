// The legend: the entity kinds and relation types drawn, each with its
// colour and its name in the current language, so that colour is never
// the only cue. It folds away (a <details> element) when it is in the way.
import type { Palette } from './colors';
import { h } from './dom';
import { t } from './i18n';

/** Whether the user opened (true) or closed (false) the legend, if they did. */
let userChoice: boolean | null = null;

export function renderLegend(
  container: HTMLDetailsElement,
  kinds: { id: string; name: string }[],
  types: { id: string; name: string }[],
  palette: Palette,
): void {
  container.hidden = kinds.length === 0;
  // Folded by default, so that it never hides a node (and never takes the
  // click meant for one); once the user opens or closes it, their choice
  // stands.
  // (A toggle event comes later for changes made here too: one whose state
  // is the one set here is not the user's.)
  if (!container.dataset.watched) {
    container.dataset.watched = 'true';
    container.addEventListener('toggle', () => {
      if (String(container.open) !== container.dataset.expected) {
        userChoice = container.open;
        container.dataset.expected = String(container.open);
      }
    });
  }
  const open = userChoice ?? false;
  container.dataset.expected = String(open);
  container.open = open;
  const item = (swatch: HTMLElement, name: string, data: Record<string, string>) =>
    h('li', data, swatch, h('span', { dir: 'auto' }, name));
  container.replaceChildren(
    h('summary', {}, t('legend')),
    h(
      'ul',
      { class: 'legend-kinds' },
      ...kinds.map((k) =>
        item(
          h('span', { class: 'dot', style: `background:${palette.kindFill(k.id)};border-color:${palette.kindBorder(k.id)}`, 'aria-hidden': 'true' }),
          k.name,
          { 'data-kind': k.id },
        ),
      ),
    ),
    h(
      'ul',
      { class: 'legend-types' },
      ...types.map((type) =>
        item(h('span', { class: 'swatch', style: `background:${palette.typeColor(type.id)}`, 'aria-hidden': 'true' }), type.name, {
          'data-type': type.id,
        }),
      ),
    ),
  );
}
