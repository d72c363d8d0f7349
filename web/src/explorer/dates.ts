// Dates as the API gives them: partial dates, "1955", "1955-06" or
// "1955-06-02", each standing for the whole period it names.

/** The year of a partial date. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/**
 * A period for a label: "1949" for a point in time, "1953–1955",
 * "1922-12-30 – 1991-12-26", "1955–"
 * when it has not ended, "–1941" when its start is unknown, "" when undated.
 */
export function period(start: string | null, end: string | null): string {
  // Between dates that have hyphens of their own, the dash gets spaces.
  const dash = (start ?? '').includes('-') || (end ?? '').includes('-') ? ' – ' : '–';
  if (start && end) return start === end ? start : `${start}${dash}${end}`;
  if (start) return `${start}${dash.trimEnd()}`;
  if (end) return `${dash.trimStart()}${end}`;
  return '';
}

/** The label of an edge: its type's label, then its dates when it has any. */
export function edgeLabel(label: string, start: string | null, end: string | null): string {
  const p = period(start, end);
  return p ? `${label} · ${p}` : label;
}
