// The view in the address bar (#entity=...&at=1949&lang=ar), so that a
// view can be bookmarked, shared and restored on reload.
import type { Lang } from './types';

export interface ViewState {
  lang: Lang;
  mode: 'explore' | 'path';
  /** The selected entity. */
  entity: string | null;
  /** The entities whose neighbourhoods are drawn, in the order expanded. */
  expanded: string[];
  year: number | null;
  from: string | null;
  to: string | null;
}

export function readLocation(): ViewState {
  const p = new URLSearchParams(location.hash.slice(1));
  const year = Number(p.get('at'));
  const list = (name: string) => (p.get(name) ?? '').split(',').filter(Boolean);
  return {
    lang: p.get('lang') === 'ar' ? 'ar' : 'en',
    mode: p.get('mode') === 'path' ? 'path' : 'explore',
    entity: p.get('entity'),
    expanded: list('expanded'),
    year: p.get('at') && Number.isInteger(year) ? year : null,
    from: p.get('from'),
    to: p.get('to'),
  };
}

export function writeLocation(s: ViewState): void {
  const p = new URLSearchParams();
  if (s.lang !== 'en') p.set('lang', s.lang);
  if (s.mode === 'path') {
    p.set('mode', 'path');
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
  } else if (s.expanded.length) {
    p.set('expanded', s.expanded.join(','));
  }
  if (s.entity) p.set('entity', s.entity);
  if (s.year !== null) p.set('at', String(s.year));
  const hash = p.toString();
  history.replaceState(null, '', hash ? `#${hash}` : location.pathname + location.search);
}
