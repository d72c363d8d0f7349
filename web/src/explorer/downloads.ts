// Downloads of the current view: the drawing as PNG or SVG, made in the
// browser from what is on the canvas, and its elements as GraphML or
// Cytoscape JSON, made by the server's own exporters (/export/...) with
// the view's filters, so that a download matches an export exactly.
import { h } from './dom';

/** What the server's exporters take: the view's root entity, depth and year. */
export interface ExportFilter {
  root: string;
  depth: number;
  at: string | null;
}

/** The query of an export of the view. */
export function exportQuery(f: ExportFilter): string {
  const q = new URLSearchParams({ root: f.root });
  if (f.depth !== 1) q.set('depth', String(f.depth));
  if (f.at !== null) q.set('at', f.at);
  return q.toString();
}

/** Points the GraphML and JSON links at the view, or hides them when the view has no root. */
export function updateExportLinks(graphml: HTMLAnchorElement, json: HTMLAnchorElement, f: ExportFilter | null): void {
  for (const [a, path] of [
    [graphml, '/export/graph.graphml'],
    [json, '/export/graph.json'],
  ] as const) {
    a.hidden = f === null;
    if (f) a.href = `${path}?${exportQuery(f)}`;
  }
}

/** Saves a blob as a file, as a link with a download attribute does. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has read the blob once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
