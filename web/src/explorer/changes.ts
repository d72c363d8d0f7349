// The compare mode's list: the relations added, ended and held between the
// two years compared, in words beside the colours of the drawing.
import { h } from './dom';
import { edgeLabel } from './dates';
import { changeColors, type Change } from './graph';
import { t } from './i18n';
import type { Comparison } from './types';

export function renderChanges(container: HTMLElement, c: Comparison | null, onEntity: (id: string) => void): void {
  if (!c) {
    container.replaceChildren();
    return;
  }
  const group = (kind: Change, title: string) => {
    const list = c[kind];
    return h(
      'section',
      { 'data-testid': `compare-${kind}` },
      h('h3', {}, h('span', { class: 'swatch', style: `background:${changeColors[kind]}`, 'aria-hidden': 'true' }), ' ', title, ` (${list.length})`),
      list.length
        ? h(
            'ul',
            { class: 'changes' },
            ...list.map((r) => {
              const link = (e: { id: string; name: string }) => {
                const b = h('button', { type: 'button', class: 'entity-link', dir: 'auto', 'data-id': e.id }, e.name);
                b.addEventListener('click', () => onEntity(e.id));
                return b;
              };
              return h('li', { 'data-relation': r.id }, link(r.from), ' ', h('span', { dir: 'auto', class: 'relation-label' }, edgeLabel(r.label, r.start, r.end)), ' ', link(r.to));
            }),
          )
        : h('p', { class: 'muted' }, t('compareNone')),
    );
  };
  container.replaceChildren(
    h('h2', { class: 'compare-title' }, t('compareTitle', { from: c.from, to: c.to })),
    group('added', t('compareAdded')),
    group('ended', t('compareEnded')),
    group('held', t('compareHeld')),
  );
}
