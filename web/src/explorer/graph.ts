// The graph drawing: a thin layer over Cytoscape.js that draws the
// entities and relations it is given, keeping the nodes already on screen
// where they are, so that expanding a node grows the drawing rather than
// reshuffling it.
import cytoscape from 'cytoscape';
import type { Core, EdgeSingular, ElementDefinition, LayoutOptions, StylesheetJson } from 'cytoscape';
import type { Palette } from './colors';
import { edgeLabel } from './dates';
import type { EntityRef, RelationRef } from './types';

/** What to draw. */
export interface Drawing {
  entities: EntityRef[];
  relations: RelationRef[];
  /** Entities whose neighbourhood is drawn: shown larger. */
  expanded?: Iterable<string>;
  /** Entities and relations of a path: shown heavier. */
  path?: Iterable<string>;
}

/**
 * Space kept free around the drawing when it is fitted to the view: wide
 * enough that the folded legend and the fit button, which sit in corners
 * of the canvas, never cover a node.
 */
const FIT_PADDING = 56;

const font = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif';

const stylesheet: StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'ellipse',
      'background-color': 'data(fill)',
      'border-color': 'data(border)',
      'border-width': 2,
      width: 30,
      height: 30,
      label: 'data(label)',
      'font-family': font,
      'font-size': 12,
      color: '#1f2933',
      'text-valign': 'bottom',
      'text-margin-y': 5,
      'text-wrap': 'wrap',
      'text-max-width': '140px',
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
    },
  },
  { selector: 'node.expanded', style: { width: 42, height: 42, 'border-width': 3, 'font-weight': 'bold' } },
  { selector: 'node.selected', style: { 'border-color': '#f39c12', 'border-width': 6 } },
  { selector: 'node.path', style: { width: 42, height: 42, 'border-width': 4, 'font-weight': 'bold' } },
  {
    selector: 'edge',
    style: {
      width: 2,
      'line-color': 'data(color)',
      'target-arrow-color': 'data(color)',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 1.1,
      'curve-style': 'bezier',
      'control-point-step-size': 44,
      label: 'data(label)',
      'font-family': font,
      'font-size': 10,
      color: 'data(color)',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.9,
      'text-background-padding': '2px',
      'text-background-shape': 'roundrectangle',
    },
  },
  // A symmetric relation reads the same both ways: no arrowhead.
  { selector: 'edge.symmetric', style: { 'target-arrow-shape': 'none' } },
  { selector: 'edge.path', style: { width: 4, 'font-weight': 'bold' } },
];

export class GraphView {
  readonly cy: Core;

  constructor(
    container: HTMLElement,
    private palette: () => Palette,
    private isSymmetric: (type: string) => boolean,
    onTapNode: (id: string) => void,
  ) {
    this.cy = cytoscape({
      container,
      style: stylesheet,
      minZoom: 0.2,
      maxZoom: 3,
      wheelSensitivity: 0.3,
    });
    this.cy.on('tap', 'node', (e) => onTapNode(e.target.id()));
    // The drawing area changes size when the timeline opens or closes, or
    // the window is resized: Cytoscape must be told, or it draws outside it.
    new ResizeObserver(() => {
      this.cy.resize();
      if (this.cy.nodes().length) this.cy.fit(undefined, FIT_PADDING);
    }).observe(container);
  }

  /**
   * Draws exactly what it is given. Nodes already drawn keep their place;
   * new ones start next to a drawn neighbour, and then the layout settles
   * them. Resolves when the drawing is done.
   */
  async draw(d: Drawing): Promise<void> {
    const cy = this.cy;
    const expanded = new Set(d.expanded ?? []);
    const path = new Set(d.path ?? []);
    const keep = new Set([...d.entities.map((e) => e.id), ...d.relations.map((r) => r.id)]);
    const hadNodes = cy.nodes().length > 0;
    let added = false;

    cy.batch(() => {
      cy.elements().filter((el) => !keep.has(el.id())).remove();
      const toAdd: ElementDefinition[] = [];
      for (const e of d.entities) {
        const data = this.nodeData(e);
        const node = cy.getElementById(e.id);
        if (node.nonempty()) node.data(data);
        else toAdd.push({ group: 'nodes', data, position: this.startingPoint(e.id, d.relations) });
      }
      for (const r of d.relations) {
        const data = this.edgeData(r);
        const edge = cy.getElementById(r.id);
        if (edge.nonempty()) edge.data(data);
        else toAdd.push({ group: 'edges', data });
      }
      added = toAdd.some((el) => el.group === 'nodes');
      cy.add(toAdd);
      cy.nodes().forEach((n) => {
        n.toggleClass('expanded', expanded.has(n.id()));
        n.toggleClass('path', path.has(n.id()));
      });
      cy.edges().forEach((e) => {
        e.toggleClass('symmetric', this.isSymmetric(e.data('type')));
        e.toggleClass('path', path.has(e.id()));
      });
    });

    if (d.path) this.layoutPath(d.entities.map((e) => e.id));
    else if (added) await this.layout(!hadNodes);
  }

  /** Marks the selected entity. */
  select(id: string | null): void {
    this.cy.nodes('.selected').removeClass('selected');
    if (id) this.cy.getElementById(id).addClass('selected');
  }

  /** Fits the drawing in view. */
  fit(): void {
    this.cy.animate({ fit: { eles: this.cy.elements(), padding: FIT_PADDING } }, { duration: 250 });
  }

  /** Recolours everything, after the palette changed. */
  recolour(): void {
    this.cy.batch(() => {
      this.cy.nodes().forEach((n) => {
        const kind = n.data('kind');
        n.data({ fill: this.palette().kindFill(kind), border: this.palette().kindBorder(kind) });
      });
      this.cy.edges().forEach((e) => {
        e.data('color', this.palette().typeColor(e.data('type')));
      });
    });
  }

  private nodeData(e: EntityRef) {
    const p = this.palette();
    return { id: e.id, label: e.name, kind: e.kind, fill: p.kindFill(e.kind), border: p.kindBorder(e.kind) };
  }

  private edgeData(r: RelationRef) {
    return {
      id: r.id,
      source: r.fromId,
      target: r.toId,
      type: r.type,
      label: edgeLabel(r.label, r.start, r.end),
      color: this.palette().typeColor(r.type),
    };
  }

  /** Where a new node starts: beside a neighbour already drawn, or at the centre. */
  private startingPoint(id: string, relations: RelationRef[]): { x: number; y: number } {
    for (const r of relations) {
      const other = r.fromId === id ? r.toId : r.toId === id ? r.fromId : null;
      const node = other ? this.cy.getElementById(other) : null;
      if (node && node.nonempty()) {
        const p = node.position();
        const angle = (hash(id) % 360) * (Math.PI / 180);
        return { x: p.x + 80 * Math.cos(angle), y: p.y + 80 * Math.sin(angle) };
      }
    }
    return { x: 0, y: 0 };
  }

  /** A path reads as a line: its entities in order, left to right (right to left in Arabic). */
  private layoutPath(ids: string[]): void {
    const rtl = getComputedStyle(this.cy.container()!).direction === 'rtl';
    ids.forEach((id, i) => {
      const x = (rtl ? ids.length - 1 - i : i) * 340;
      this.cy.getElementById(id).position({ x, y: i % 2 ? 60 : 0 });
    });
    this.cy.fit(undefined, 60);
  }

  private async layout(fresh: boolean): Promise<void> {
    // Two states linked by many relations get as many springs between them;
    // weakening and lengthening each by their number keeps the pair far
    // enough apart for the bundle of labelled edges to be read.
    const parallel = (e: EdgeSingular) => Math.max(1, e.parallelEdges().length);
    const options = {
      name: 'cose',
      animate: false,
      randomize: fresh,
      fit: true,
      padding: FIT_PADDING,
      // Lay out in the shape of the drawing area, which is wider than tall.
      boundingBox: { x1: 0, y1: 0, w: Math.max(this.cy.width(), 300), h: Math.max(this.cy.height(), 200) },
      nodeDimensionsIncludeLabels: true,
      idealEdgeLength: (e: EdgeSingular) => 110 + 35 * (parallel(e) - 1),
      edgeElasticity: (e: EdgeSingular) => 100 * parallel(e),
      nodeRepulsion: () => 60000,
      nodeOverlap: 20,
      gravity: 0.4,
      numIter: 2000,
      componentSpacing: 100,
    } as LayoutOptions;
    const layout = this.cy.layout(options);
    const done = layout.promiseOn('layoutstop');
    layout.run();
    await done;
  }
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
