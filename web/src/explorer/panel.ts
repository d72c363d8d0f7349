// The side panel: everything known about the selected entity, its labels
// in every language, its dates, its relations and, for each, the sources
// that state it (document, paragraph, sentence). The other end of each
// relation is a button, so that the graph can be walked with the keyboard.
import type { Palette } from './colors';
import { period } from './dates';
import { h } from './dom';
import { t } from './i18n';
import type { Citation, EntityDetail, Label, RelationDetail } from './types';

export interface PanelContext {
  palette: Palette;
  /** The year the graph is filtered by, if any. */
  year: number | null;
  /** Called when a linked entity is chosen. */
  onEntity: (id: string) => void;
}

/** Shows the entity, or the hint to select one when there is none. */
export function renderPanel(container: HTMLElement, e: EntityDetail | null, ctx: PanelContext): void {
  if (!e) {
    container.replaceChildren(h('p', { class: 'panel-empty' }, t('panelEmpty')));
    return;
  }
  const dates = period(e.start, e.end);
  const parts: (Node | null)[] = [
    h(
      'header',
      { class: 'panel-head' },
      h('h2', { dir: 'auto', 'data-testid': 'panel-name' }, e.name),
      h('p', { class: 'panel-meta' }, h('span', { class: 'badge', 'data-testid': 'panel-kind' }, e.kindName), ' ', h('code', { dir: 'ltr' }, e.id)),
    ),
    e.description ? h('p', { class: 'description', dir: 'auto' }, e.description) : null,
    dates ? section(t('dates'), h('p', { 'data-testid': 'panel-dates', dir: 'ltr', class: 'dates' }, dates)) : null,
    section(t('labels'), labelList(e.labels, 'panel-labels')),
    e.aliases.length ? section(t('aliases'), labelList(e.aliases, 'panel-aliases')) : null,
    e.sources.length ? section(t('sources'), citations(e.sources)) : null,
    section(
      ctx.year === null ? t('relations') : t('relationsAt', { year: ctx.year }),
      e.relations.nodes.length
        ? h('ul', { class: 'relations', 'data-testid': 'panel-relations' }, ...e.relations.nodes.map((r) => relationItem(e.id, r, ctx)))
        : h('p', { class: 'muted' }, t('noRelations')),
    ),
  ];
  container.replaceChildren(...parts.filter((p): p is Node => p !== null));
}

function section(title: string, ...body: (Node | null)[]): HTMLElement {
  return h('section', {}, h('h3', {}, title), ...body);
}

/** Texts with their language: each laid out in its own direction. */
function labelList(labels: Label[], testid: string): HTMLElement {
  return h(
    'ul',
    { class: 'labels', 'data-testid': testid },
    ...labels.map((l) =>
      h('li', {}, h('span', { class: 'lang', dir: 'ltr' }, l.lang), ' ', h('span', { lang: l.lang, dir: 'auto' }, l.text)),
    ),
  );
}

function relationItem(self: string, r: RelationDetail, ctx: PanelContext): HTMLElement {
  // Read the relation from the selected entity: "signed" from its subject,
  // "signed by" from its object.
  const outgoing = r.fromId === self;
  const other = outgoing ? r.to : r.from;
  const dates = period(r.start, r.end);
  const link = h('button', { type: 'button', class: 'entity-link', dir: 'auto', 'data-id': other.id }, other.name);
  link.addEventListener('click', () => ctx.onEntity(other.id));
  return h(
    'li',
    { class: 'relation', 'data-testid': 'relation-item', 'data-relation': r.id, 'data-type': r.type },
    h(
      'div',
      { class: 'relation-line' },
      h('span', { class: 'swatch', style: `background:${ctx.palette.typeColor(r.type)}`, 'aria-hidden': 'true' }),
      h('span', { class: 'relation-label', dir: 'auto' }, outgoing ? r.label : r.inverseLabel),
      ' ',
      link,
      dates ? h('span', { class: 'dates', dir: 'ltr' }, dates) : null,
    ),
    r.description ? h('p', { class: 'description', dir: 'auto' }, r.description) : null,
    r.sources.length ? citations(r.sources) : null,
  );
}

/** Where a fact is stated: "Title, paragraph 3, sentence 2". */
function citations(cites: Citation[]): HTMLElement {
  return h(
    'ul',
    { class: 'citations' },
    ...cites.map((c) => {
      const separator = document.documentElement.lang === 'ar' ? '، ' : ', ';
      const where = [c.paragraph ? t('paragraph', { n: c.paragraph }) : t('wholeDocument'), c.sentence ? t('sentence', { n: c.sentence }) : null]
        .filter(Boolean)
        .join(separator);
      return h(
        'li',
        { 'data-testid': 'citation', 'data-source': c.document.id },
        h('cite', { dir: 'auto' }, c.document.title),
        ' — ',
        h('span', {}, where),
      );
    }),
  );
}
