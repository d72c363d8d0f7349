// The view in the address bar (#entity=...&expanded=...&at=1949&lang=ar),
// so that a view can be bookmarked, shared and restored on reload, and the
// browser's back and forward buttons walk through the views.
import type { Lang } from './types';

export type Mode = 'explore' | 'path' | 'compare';

export interface ViewState {
  lang: Lang;
  mode: Mode;
  /** The selected entity. */
  entity: string | null;
  /** The entities whose neighbourhoods are drawn, in the order expanded. */
  expanded: string[];
  /** How many hops each neighbourhood reaches. */
  depth: number;
  year: number | null;
  /** The ends of the path. */
  from: string | null;
  to: string | null;
  /** The two years compared. */
  compare: [number, number] | null;
}

/** The deepest neighbourhood the explorer draws (the API allows 4). */
export const MAX_DEPTH = 3;

export function readLocation(hash = location.hash): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const int = (v: string | null) => (v !== null && /^-?\d{1,4}$/.test(v) ? Number(v) : null);
  const list = (name: string) => (p.get(name) ?? '').split(',').filter(Boolean);
  const mode = p.get('mode');
  const entity = p.get('entity') || null;
  let expanded = list('expanded');
  // A link to an entity alone draws its neighbourhood.
  if (expanded.length === 0 && entity) expanded = [entity];
  const compare = list('compare').map((y) => int(y));
  const depth = int(p.get('depth'));
  return {
    lang: p.get('lang') || 'en',
    mode: mode === 'path' || mode === 'compare' ? mode : 'explore',
    entity,
    expanded,
    depth: depth !== null && depth >= 1 && depth <= MAX_DEPTH ? depth : 1,
    year: int(p.get('at')),
    from: p.get('from') || null,
    to: p.get('to') || null,
    compare: compare.length === 2 && compare[0] !== null && compare[1] !== null ? [compare[0], compare[1]] : null,
  };
}

/** The address of a view. */
export function viewHash(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.lang !== 'en') p.set('lang', s.lang);
  if (s.mode !== 'explore') p.set('mode', s.mode);
  if (s.mode === 'path') {
    if (s.from) p.set('from', s.from);
    if (s.to) p.set('to', s.to);
  } else if (s.expanded.length && !(s.expanded.length === 1 && s.expanded[0] === s.entity)) {
    p.set('expanded', s.expanded.join(','));
  }
  if (s.entity) p.set('entity', s.entity);
  if (s.mode !== 'path' && s.depth !== 1) p.set('depth', String(s.depth));
  if (s.mode === 'compare' && s.compare) p.set('compare', s.compare.join(','));
  else if (s.year !== null) p.set('at', String(s.year));
  const hash = p.toString().replace(/%2C/g, ',');
  return hash ? `#${hash}` : '';
}

/**
 * Puts the view in the address bar: as a new history entry when the user
 * changed it (push), or in place of the current one (a view restored, the
 * play button's every year).
 */
export function writeLocation(s: ViewState, push: boolean): void {
  const hash = viewHash(s);
  if (hash === location.hash || (hash === '' && location.hash === '')) return;
  const url = hash || location.pathname + location.search;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}
