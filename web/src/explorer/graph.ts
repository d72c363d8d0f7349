// The graph drawing: a thin layer over Cytoscape.js that draws the
// entities and relations it is given, readable at any size:
//   - the relations between the same two entities are drawn as one edge
//     with their count and their types as coloured marks along it, split
//     into separate edges when clicked (and joined again by a click on one);
//   - edge labels show only for the selected entity's edges and on hover;
//   - the fcose layout spreads the drawing over the canvas, and then no two
//     node labels overlap: a last pass pushes apart any that still do.
// Nodes already on screen keep their place when the drawing grows.
import cytoscape from 'cytoscape';
import type { Core, EdgeSingular, ElementDefinition, NodeSingular, StylesheetJson } from 'cytoscape';
import fcose from 'cytoscape-fcose';
import svg from 'cytoscape-svg';
import type { Palette } from './colors';
import { edgeLabel } from './dates';
import type { EntityRef, RelationRef } from './types';

cytoscape.use(fcose);
cytoscape.use(svg);

/** How a relation changed between the two years compared. */
export type Change = 'added' | 'ended' | 'held';

/** What to draw. */
export interface Drawing {
  entities: EntityRef[];
  relations: RelationRef[];
  /** Entities whose neighbourhood is drawn: shown larger. */
  expanded?: Iterable<string>;
  /** Entities and relations of a path: shown heavier, laid out in a line. */
  path?: Iterable<string>;
  /** In compare mode, what happened to each relation. */
  changes?: Map<string, Change>;
}

/** Colours of the compare mode's changes (the list beside says it in words too). */
export const changeColors: Record<Change, string> = { added: '#1e8e3e', ended: '#c5221f', held: '#80868b' };

/**
 * Space kept free around the drawing when it is fitted to the view: wide
 * enough that the folded legend and the fit button, which sit in corners
 * of the canvas, never cover a node.
 */
const FIT_PADDING = 56;

/** The least space between two node labels, in model pixels. */
const LABEL_GAP = 6;

const font = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif';

const stylesheet: StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'ellipse',
      'background-color': 'data(fill)',
      'border-color': 'data(border)',
      'border-width': 2,
      width: 28,
      height: 28,
      label: 'data(label)',
      'font-family': font,
      'font-size': 12,
      color: '#1f2933',
      'text-valign': 'bottom',
      'text-margin-y': 4,
      'text-wrap': 'wrap',
      'text-max-width': '130px',
      'text-outline-color': '#ffffff',
      'text-outline-width': 2,
    },
  },
  { selector: 'node.expanded', style: { width: 38, height: 38, 'border-width': 3, 'font-weight': 'bold' } },
  { selector: 'node.path', style: { width: 38, height: 38, 'border-width': 4, 'font-weight': 'bold' } },
  { selector: 'node.selected', style: { 'border-color': '#f39c12', 'border-width': 6 } },
  // Keyboard focus: a ring as visible as the page's own focus outline.
  { selector: 'node.focused', style: { 'overlay-color': '#f39c12', 'overlay-opacity': 0.25, 'overlay-padding': 8 } },
  {
    selector: 'edge',
    style: {
      width: 2,
      'line-color': 'data(color)',
      'target-arrow-color': 'data(color)',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 1.1,
      'curve-style': 'bezier',
      'control-point-step-size': 40,
      label: '',
      'font-family': font,
      'font-size': 10,
      color: 'data(color)',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.92,
      'text-background-padding': '2px',
      'text-background-shape': 'roundrectangle',
    },
  },
  // A symmetric relation reads the same both ways: no arrowhead.
  { selector: 'edge.symmetric', style: { 'target-arrow-shape': 'none' } },
  // Several relations between two entities: one thick edge, a mark of each
  // type's colour along it, and their count in the middle.
  {
    selector: 'edge.bundle',
    style: {
      width: 5,
      'curve-style': 'straight',
      'target-arrow-shape': 'none',
      'line-fill': 'linear-gradient',
      label: 'data(count)',
      'font-size': 11,
      'font-weight': 'bold',
      color: '#1f2933',
      'text-rotation': 'none',
      'text-background-shape': 'roundrectangle',
      'text-border-width': 1,
      'text-border-color': '#8795a1',
      'text-border-opacity': 1,
      'text-background-padding': '3px',
    },
  },
  { selector: 'edge.labelled, edge.hover', style: { label: 'data(label)', 'z-index': 10 } },
  // A bundle lists its relations on hover only: for the selected entity it
  // keeps its count, or its lines would cover the drawing.
  { selector: 'edge.bundle.labelled', style: { label: 'data(count)' } },
  { selector: 'edge.bundle.hover', style: { label: 'data(detail)', 'text-wrap': 'wrap', 'font-weight': 'normal', 'z-index': 20 } },
  { selector: 'edge.path', style: { width: 4, 'font-weight': 'bold' } },
  { selector: 'edge.added', style: { 'line-color': changeColors.added, 'target-arrow-color': changeColors.added, width: 4 } },
  { selector: 'edge.ended', style: { 'line-color': changeColors.ended, 'target-arrow-color': changeColors.ended, 'line-style': 'dashed', width: 3 } },
  { selector: 'edge.held', style: { 'line-color': changeColors.held, 'target-arrow-color': changeColors.held } },
];

/** The id of the edge that stands for all the relations between a and b. */
function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export class GraphView {
  readonly cy: Core;
  /** The last drawing, redrawn when a bundle is split or joined. */
  private last: Drawing = { entities: [], relations: [] };
  /** Pairs of entities whose relations are drawn one by one. */
  private readonly split = new Set<string>();
  private selected: string | null = null;

  constructor(
    container: HTMLElement,
    private palette: () => Palette,
    private isSymmetric: (type: string) => boolean,
    private readonly onTapNode: (id: string) => void,
    private readonly onFocusNode: (id: string) => void,
  ) {
    this.cy = cytoscape({
      container,
      style: stylesheet,
      minZoom: 0.2,
      maxZoom: 3,
      wheelSensitivity: 0.3,
    });
    this.cy.on('tap', 'node', (e) => onTapNode(e.target.id()));
    this.cy.on('tap', 'edge', (e) => void this.toggleSplit(e.target));
    this.cy.on('mouseover', 'edge', (e) => e.target.addClass('hover'));
    this.cy.on('mouseout', 'edge', (e) => e.target.removeClass('hover'));
    container.addEventListener('keydown', (e) => this.key(e));
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
    this.last = d;
    const cy = this.cy;
    const expanded = new Set(d.expanded ?? []);
    const path = new Set(d.path ?? []);
    const edges = this.edges(d);
    const keep = new Set([...d.entities.map((e) => e.id), ...edges.map((e) => e.data.id as string)]);
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
      for (const def of edges) {
        const edge = cy.getElementById(def.data.id as string);
        if (edge.nonempty()) edge.data(def.data);
        else toAdd.push(def);
      }
      added = toAdd.some((el) => el.group === 'nodes');
      cy.add(toAdd);
      cy.nodes().forEach((n) => {
        n.toggleClass('expanded', expanded.has(n.id()));
        n.toggleClass('path', path.has(n.id()));
      });
      cy.edges().forEach((e) => this.styleEdge(e, path, d.changes));
    });
    this.markSelection();

    if (d.path) this.layoutPath(d.entities.map((e) => e.id));
    else if (added) await this.layout(!hadNodes);
  }

  /** Marks the selected entity, and labels its edges. */
  select(id: string | null): void {
    this.selected = id;
    this.markSelection();
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
        if (e.hasClass('bundle')) this.paintBundle(e);
      });
    });
  }

  /** The drawing as a PNG image, at twice the screen's resolution. */
  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' });
  }

  /** The drawing as an SVG document. */
  svg(): string {
    return (this.cy as Core & { svg(o: object): string }).svg({ full: true, scale: 1, bg: '#ffffff' });
  }

  /** The edges to draw: one per relation, or one per pair of entities that several relations link. */
  private edges(d: Drawing): ElementDefinition[] {
    const pairs = new Map<string, RelationRef[]>();
    for (const r of d.relations) {
      const key = pairKey(r.fromId, r.toId);
      pairs.set(key, [...(pairs.get(key) ?? []), r]);
    }
    const defs: ElementDefinition[] = [];
    for (const [key, rels] of pairs) {
      // On a path or in compare mode each relation has its own meaning.
      if (rels.length === 1 || this.split.has(key) || d.path || d.changes) {
        for (const r of rels) defs.push({ group: 'edges', data: this.edgeData(r, key) });
        continue;
      }
      const types = [...new Set(rels.map((r) => r.type))].sort();
      defs.push({
        group: 'edges',
        classes: 'bundle',
        data: {
          id: `bundle:${key}`,
          pair: key,
          source: rels[0].fromId,
          target: rels[0].toId,
          type: types[0],
          types,
          relations: rels.map((r) => r.id),
          labels: Object.fromEntries(rels.map((r) => [r.id, edgeLabel(r.label, r.start, r.end)])),
          count: String(rels.length),
          detail: rels.map((r) => edgeLabel(r.label, r.start, r.end)).join('\n'),
          color: this.palette().typeColor(types[0]),
        },
      });
    }
    return defs;
  }

  private styleEdge(e: EdgeSingular, path: Set<string>, changes?: Map<string, Change>): void {
    e.toggleClass('symmetric', this.isSymmetric(e.data('type')));
    e.toggleClass('path', path.has(e.id()));
    const change = changes?.get(e.id());
    for (const c of ['added', 'ended', 'held'] as const) e.toggleClass(c, change === c);
    if (e.hasClass('bundle')) this.paintBundle(e);
  }

  /** A bundle's marks: a stretch of each of its types' colours along it. */
  private paintBundle(e: EdgeSingular): void {
    const types = e.data('types') as string[];
    const colors: string[] = [];
    const stops: number[] = [];
    types.forEach((type, i) => {
      const c = this.palette().typeColor(type);
      colors.push(c, c);
      stops.push((i / types.length) * 100, ((i + 1) / types.length) * 100);
    });
    e.style({ 'line-gradient-stop-colors': colors, 'line-gradient-stop-positions': stops });
  }

  /** Splits a bundle into its relations, or joins a split pair again. */
  private async toggleSplit(e: EdgeSingular): Promise<void> {
    const key = e.data('pair') as string;
    if (this.last.path || this.last.changes) return;
    if (this.split.has(key)) this.split.delete(key);
    else if (e.hasClass('bundle')) this.split.add(key);
    else return;
    await this.draw(this.last);
  }

  private markSelection(): void {
    const cy = this.cy;
    cy.batch(() => {
      cy.elements('.selected, .labelled').removeClass('selected labelled');
      if (!this.selected) return;
      const node = cy.getElementById(this.selected);
      node.addClass('selected');
      node.connectedEdges().addClass('labelled');
    });
  }

  /** Arrow keys move to the nearest entity that way, Enter opens it. */
  private key(e: KeyboardEvent): void {
    const directions: Record<string, [number, number]> = {
      ArrowRight: [1, 0],
      ArrowLeft: [-1, 0],
      ArrowDown: [0, 1],
      ArrowUp: [0, -1],
    };
    const nodes = this.cy.nodes();
    if (nodes.empty()) return;
    const focused = nodes.filter('.focused');
    const selected = this.selected ? nodes.filter((n) => n.id() === this.selected) : nodes.filter(() => false);
    const from = (focused.nonempty() ? focused.first() : selected.nonempty() ? selected.first() : nodes.first()) as NodeSingular;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      if (from.nonempty()) this.onTapNode(from.id());
      return;
    }
    const dir = directions[e.key];
    if (!dir) return;
    e.preventDefault();
    const next = from.nonempty() && focused.nonempty() ? nearestToward(from, nodes, dir) : from;
    if (!next || next.empty()) return;
    nodes.removeClass('focused');
    next.addClass('focused');
    this.onFocusNode(next.id());
  }

  private nodeData(e: EntityRef) {
    const p = this.palette();
    return { id: e.id, label: e.name, kind: e.kind, fill: p.kindFill(e.kind), border: p.kindBorder(e.kind) };
  }

  private edgeData(r: RelationRef, pair: string) {
    return {
      id: r.id,
      pair,
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
    const angle = (hash(id) % 360) * (Math.PI / 180);
    return { x: 200 * Math.cos(angle), y: 200 * Math.sin(angle) };
  }

  /** A path reads as a line: its entities in order, left to right (right to left in Arabic). */
  private layoutPath(ids: string[]): void {
    const rtl = getComputedStyle(this.cy.container()!).direction === 'rtl';
    ids.forEach((id, i) => {
      const x = (rtl ? ids.length - 1 - i : i) * 340;
      this.cy.getElementById(id).position({ x, y: i % 2 ? 60 : 0 });
    });
    separateLabels(this.cy);
    this.cy.fit(undefined, 60);
  }

  private async layout(fresh: boolean): Promise<void> {
    const layout = this.cy.layout({
      name: 'fcose',
      quality: 'proof',
      // A fresh drawing starts from the spectral layout; a grown one from
      // where its nodes are, so that what was drawn stays recognisable.
      randomize: fresh,
      animate: false,
      fit: false,
      nodeDimensionsIncludeLabels: true,
      uniformNodeDimensions: false,
      packComponents: false,
      nodeRepulsion: () => 30000,
      idealEdgeLength: () => 130,
      edgeElasticity: () => 0.45,
      nodeSeparation: 90,
      gravity: 0.2,
      numIter: 2500,
    } as cytoscape.LayoutOptions);
    const done = layout.promiseOn('layoutstop');
    layout.run();
    await done;
    this.scaleToCanvas();
    separateLabels(this.cy);
    this.cy.fit(undefined, FIT_PADDING);
  }

  /**
   * Scales the drawing, each axis on its own, so that its nodes span the
   * canvas at zoom 1: the labels then show at their own size, rather than
   * shrunk to fit a drawing laid out larger (or lost in a corner of a
   * canvas much wider than the drawing). Labels squeezed together by this
   * are pushed apart afterwards.
   */
  private scaleToCanvas(): void {
    const nodes = this.cy.nodes();
    if (nodes.length < 2) return;
    const box = nodes.boundingBox({ includeLabels: false });
    // Room for the labels around the outermost nodes.
    const w = Math.max(this.cy.width() - 2 * FIT_PADDING - 140, 200);
    const h = Math.max(this.cy.height() - 2 * FIT_PADDING - 50, 120);
    const sx = box.w > 1 ? w / box.w : 1;
    const sy = box.h > 1 ? h / box.h : 1;
    const cx = (box.x1 + box.x2) / 2;
    const cy = (box.y1 + box.y2) / 2;
    nodes.positions((n) => {
      const p = n.position();
      return { x: cx + (p.x - cx) * sx, y: cy + (p.y - cy) * sy };
    });
  }
}

/**
 * Pushes apart nodes whose boxes (the node with its label) overlap, a
 * little at a time, until none do: the layout keeps nodes apart, but not
 * always their labels, which can be much wider than the node.
 */
function separateLabels(cy: Core): void {
  const nodes = cy.nodes().toArray();
  for (let round = 0; round < 300; round++) {
    const boxes = nodes.map((n) => n.boundingBox({ includeLabels: true, includeOverlays: false }));
    let moved = false;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const ox = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) + LABEL_GAP;
        const oy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) + LABEL_GAP;
        if (ox <= 0 || oy <= 0) continue;
        moved = true;
        const pa = nodes[i].position();
        const pb = nodes[j].position();
        // Apart along the axis that needs the shorter move; ties by id, so
        // that the result does not depend on chance.
        if (ox < oy) {
          const s = pa.x < pb.x || (pa.x === pb.x && nodes[i].id() < nodes[j].id()) ? -1 : 1;
          shift(nodes[i], boxes[i], (s * ox) / 2, 0);
          shift(nodes[j], boxes[j], (-s * ox) / 2, 0);
        } else {
          const s = pa.y < pb.y || (pa.y === pb.y && nodes[i].id() < nodes[j].id()) ? -1 : 1;
          shift(nodes[i], boxes[i], 0, (s * oy) / 2);
          shift(nodes[j], boxes[j], 0, (-s * oy) / 2);
        }
      }
    }
    if (!moved) return;
  }
}

/** Moves a node and the box computed for it. */
function shift(n: NodeSingular, box: { x1: number; x2: number; y1: number; y2: number }, dx: number, dy: number): void {
  const p = n.position();
  n.position({ x: p.x + dx, y: p.y + dy });
  box.x1 += dx;
  box.x2 += dx;
  box.y1 += dy;
  box.y2 += dy;
}

/** The node nearest to `from` within 45° of the direction, if any. */
function nearestToward(from: NodeSingular, nodes: cytoscape.NodeCollection, [dx, dy]: [number, number]): NodeSingular | null {
  const p = from.position();
  let best: NodeSingular | null = null;
  let bestDistance = Infinity;
  nodes.forEach((n) => {
    if (n.same(from)) return;
    const q = n.position();
    const vx = q.x - p.x;
    const vy = q.y - p.y;
    const along = vx * dx + vy * dy;
    const across = Math.abs(vx * dy - vy * dx);
    if (along <= 0 || across > along) return;
    const distance = along + 2 * across;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = n;
    }
  });
  return best;
}

function hash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h;
}
