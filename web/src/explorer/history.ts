// An entity's history, for editors: the changes to it and its relations,
// oldest first, each with who made it, and a look at the entity as the
// graph recorded it right after that change (an asOf read). It loads when
// opened.
import { period } from './dates';
import { h } from './dom';
import { fetchAsOf, fetchHistory, type EntityAsOf, type HistoryEntry } from './editorqueries';
import { t } from './i18n';
import type { Lang } from './types';

export function renderHistory(id: string, lang: () => Lang): HTMLElement {
  const list = h('ol', { class: 'history', 'data-testid': 'history-list' });
  const asOf = h('div', { class: 'asof', 'data-testid': 'asof', hidden: true, 'aria-live': 'polite' });
  const box = h('details', { class: 'edit-group history-box', 'data-testid': 'history' }, h('summary', {}, t('history')), list, asOf);
  box.addEventListener('toggle', async () => {
    if (!box.open) return;
    list.replaceChildren(h('li', { class: 'muted' }, t('loading')));
    try {
      const entries = await fetchHistory(id);
      list.replaceChildren(...(entries.length ? entries.map((c) => entry(c, () => void showAsOf(c.seq))) : [h('li', { class: 'muted' }, t('noHistory'))]));
    } catch (err) {
      list.replaceChildren(h('li', { class: 'field-error' }, (err as Error).message));
    }
  });
  const showAsOf = async (seq: number) => {
    asOf.hidden = false;
    asOf.replaceChildren(h('p', { class: 'muted' }, t('loading')));
    try {
      const e = await fetchAsOf(id, String(seq), lang());
      asOf.replaceChildren(...asOfView(seq, e, () => (asOf.hidden = true)));
    } catch (err) {
      asOf.replaceChildren(h('p', { class: 'field-error' }, (err as Error).message));
    }
  };
  return box;
}

function entry(c: HistoryEntry, onView: () => void): HTMLElement {
  const view = h('button', { type: 'button', class: 'link-button', 'data-testid': 'view-as-of', 'aria-label': t('viewAsOfN', { seq: c.seq }) }, t('viewAsOf'));
  view.addEventListener('click', onView);
  const who = c.actor ? ` · ${c.actor}` : '';
  return h(
    'li',
    { 'data-testid': 'history-entry', 'data-seq': c.seq },
    h('span', { class: 'seq', dir: 'ltr' }, `#${c.seq}`),
    ' ',
    h('code', {}, c.action),
    ' ',
    h('span', { class: 'muted', dir: 'ltr' }, `${c.at.replace('T', ' ').replace('Z', ' UTC')}${who}`),
    ' ',
    h('span', { class: 'muted' }, t('elementCount', { n: c.elementCount })),
    ' ',
    view,
  );
}

function asOfView(seq: number, e: EntityAsOf | null, onClose: () => void): Node[] {
  const close = h('button', { type: 'button', class: 'link-button', 'data-testid': 'asof-close' }, t('backToNow'));
  close.addEventListener('click', onClose);
  const head = h('h3', {}, t('asOfTitle', { seq }));
  if (!e) return [head, h('p', { class: 'muted' }, t('asOfMissing')), close];
  const dates = period(e.start, e.end);
  return [
    head,
    h('p', { dir: 'auto', 'data-testid': 'asof-name' }, h('strong', {}, e.name), ' ', h('span', { class: 'muted' }, t('versionN', { n: e.version }))),
    h('ul', { class: 'labels' }, ...e.labels.map((l) => h('li', {}, h('span', { class: 'lang', dir: 'ltr' }, l.lang), ' ', h('span', { lang: l.lang, dir: 'auto' }, l.text)))),
    dates ? h('p', { dir: 'ltr', 'data-testid': 'asof-dates' }, dates) : null,
    e.description ? h('p', { class: 'description', dir: 'auto' }, e.description) : null,
    close,
  ].filter((n) => n !== null);
}
