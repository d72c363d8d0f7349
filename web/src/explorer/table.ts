// The drawing as tables, for people who do not use a mouse or cannot see
// the canvas: every entity drawn (a button selects it, as a click on its
// node does) and every relation drawn, each on its own row, read from the
// same data the canvas draws.
import { edgeLabel } from './dates';
import { h } from './dom';
import { t } from './i18n';
import type { EntityRef, RelationRef } from './types';

export interface TableContext {
  selected: string | null;
  onEntity: (id: string) => void;
}

export function renderTable(container: HTMLElement, entities: EntityRef[], relations: RelationRef[], ctx: TableContext): void {
  const names = new Map(entities.map((e) => [e.id, e.name]));
  const entityButton = (id: string) => {
    const b = h('button', { type: 'button', class: 'entity-link', dir: 'auto', 'data-id': id }, names.get(id) ?? id);
    b.addEventListener('click', () => ctx.onEntity(id));
    if (id === ctx.selected) b.setAttribute('aria-current', 'true');
    return b;
  };
  const head = (...cols: string[]) => h('thead', {}, h('tr', {}, ...cols.map((c) => h('th', { scope: 'col' }, c))));
  container.replaceChildren(
    h(
      'table',
      { class: 'graph-table', 'data-testid': 'table-entities' },
      h('caption', {}, t('tableEntities', { n: entities.length })),
      head(t('tableName'), t('kind'), t('id')),
      h(
        'tbody',
        {},
        ...entities.map((e) => h('tr', { 'data-id': e.id }, h('td', {}, entityButton(e.id)), h('td', {}, e.kind), h('td', { dir: 'ltr' }, h('code', {}, e.id)))),
      ),
    ),
    h(
      'table',
      { class: 'graph-table', 'data-testid': 'table-relations' },
      h('caption', {}, t('tableRelations', { n: relations.length })),
      head(t('pathFrom'), t('tableRelation'), t('pathTo')),
      h(
        'tbody',
        {},
        ...relations.map((r) =>
          h(
            'tr',
            { 'data-id': r.id },
            h('td', {}, entityButton(r.fromId)),
            h('td', { dir: 'auto' }, edgeLabel(r.label, r.start, r.end)),
            h('td', {}, entityButton(r.toId)),
          ),
        ),
      ),
    ),
  );
}
