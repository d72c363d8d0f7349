// The timeline of the selected entity: each dated relation as a bar from
// its start to its end (a tick for a point in time) on a shared axis of
// years, coloured by type. Choosing a relation sets the year filter to its
// first year, to show the graph as it was then.
import type { Palette } from './colors';
import { period, yearOf } from './dates';
import { h } from './dom';
import { t } from './i18n';
import type { TimelineEntry } from './types';

export interface TimelineContext {
  palette: Palette;
  /** The entity the timeline is about: relations are read from it. */
  entity: string;
  /** The year the graph is filtered by, marked on the axis. */
  year: number | null;
  /** The axis runs right to left (Arabic). */
  rtl: boolean;
  onYear: (year: number) => void;
}

export function renderTimeline(container: HTMLElement, entries: TimelineEntry[] | null, ctx: TimelineContext): void {
  if (entries === null) {
    container.replaceChildren();
    return;
  }
  if (entries.length === 0) {
    container.replaceChildren(h('p', { class: 'muted' }, t('timelineEmpty')));
    return;
  }
  // The axis spans the entries' years, with a year of margin each side.
  const years = entries.flatMap((e) => [e.start, e.end]).filter((d): d is string => d !== null).map(yearOf);
  let first = Math.min(...years) - 1;
  let last = Math.max(...years) + 1;
  if (ctx.year !== null) {
    first = Math.min(first, ctx.year);
    last = Math.max(last, ctx.year);
  }
  const span = Math.max(last - first, 1);
  const percent = (years: number) => `${((years / span) * 100).toFixed(2)}%`;
  // Time runs the way the language is read: from the right in Arabic.
  const side = ctx.rtl ? 'right' : 'left';
  const axisDir = ctx.rtl ? 'rtl' : 'ltr';
  const marker = () =>
    ctx.year === null ? null : h('span', { class: 'year-marker', style: `${side}:${percent(ctx.year - first)}`, 'aria-hidden': 'true' });

  const rows = entries.map((e) => {
    // A bar runs from the first year of its start to the end of the year
    // of its end; an unknown start or end runs to the edge of the axis.
    const from = e.start ? yearOf(e.start) : first;
    const to = e.end ? yearOf(e.end) + 1 : last;
    const other = e.from.id === ctx.entity ? e.to : e.from;
    const dates = period(e.start, e.end);
    const button = h(
      'button',
      {
        type: 'button',
        class: 'timeline-row',
        'data-testid': 'timeline-item',
        'data-relation': e.id,
        title: `${e.label} ${other.name} (${dates})`,
      },
      h(
        'span',
        { class: 'timeline-text' },
        h('span', { class: 'timeline-dates', dir: 'ltr' }, dates),
        ' ',
        h('span', { dir: 'auto' }, h('span', { class: 'timeline-label' }, e.label), ' ', h('strong', {}, other.name)),
      ),
      h(
        'span',
        { class: 'timeline-track', dir: axisDir },
        marker(),
        h('span', {
          class: `timeline-bar${e.start ? '' : ' open-start'}${e.end ? '' : ' open-end'}`,
          style: `${side}:${percent(from - first)};width:${percent(to - from)};background:${ctx.palette.typeColor(e.type)}`,
        }),
      ),
    );
    button.addEventListener('click', () => ctx.onYear(yearOf(e.start ?? e.end!)));
    return button;
  });

  const ticks = axisTicks(first, last).map((y) =>
    h('span', { class: 'tick', 'data-year': String(y), style: `${side}:${percent(y - first)}` }, String(y)),
  );
  container.replaceChildren(
    h('p', { class: 'muted timeline-hint' }, t('timelineHint')),
    h(
      'div',
      { class: 'timeline-grid', 'data-testid': 'timeline' },
      h('div', { class: 'timeline-axis' }, h('span', {}), h('span', { class: 'timeline-ticks', dir: axisDir, 'data-testid': 'timeline-axis' }, ...ticks)),
      ...rows,
    ),
  );
}

/** Round years to label the axis with: about six of them. */
function axisTicks(first: number, last: number): number[] {
  const steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500];
  const step = steps.find((s) => (last - first) / s <= 7) ?? 1000;
  const ticks: number[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) ticks.push(y);
  return ticks;
}
