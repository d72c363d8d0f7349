// The explorer: search the graph, draw an entity's neighbourhood, expand
// it node by node, filter it by year, find the shortest path between two
// entities, and read every fact with its sources, in English or Arabic.
// It talks to nothing but the public GraphQL API.
import './style.css';
import { GraphQLRequestError } from '../shared/graphql';
import { Palette } from './colors';
import { Combobox } from './combobox';
import { byId, h } from './dom';
import { edgeLabel } from './dates';
import { GraphView } from './graph';
import { setLang, t, translatePage } from './i18n';
import { renderLegend } from './legend';
import { readLocation, writeLocation, type ViewState } from './location';
import { renderPanel } from './panel';
import { fetchEntity, fetchNeighborhoods, fetchPath, fetchTimeline, fetchVocabulary, fetchYearRange, search } from './queries';
import { renderTimeline } from './timeline';
import type { EntityRef, Lang, Path, RelationRef, Vocabulary } from './types';
import { YearFilter } from './yearfilter';

declare global {
  interface Window {
    /** The Cytoscape instance, for the browser tests and for curious users. */
    __cy?: GraphView['cy'];
  }
}

class Explorer {
  private state: ViewState = readLocation();
  private vocabulary: Vocabulary = { entityKinds: [], relationTypes: [] };
  private palette = new Palette();
  private readonly graph: GraphView;
  private readonly years: YearFilter;
  private readonly pathFrom: Combobox;
  private readonly pathTo: Combobox;
  // Answers to stale requests are dropped: only the latest one is shown.
  private drawGeneration = 0;
  private detailGeneration = 0;

  constructor() {
    this.graph = new GraphView(
      byId('graph'),
      () => this.palette,
      (type) => this.vocabulary.relationTypes.some((rt) => rt.id === type && rt.symmetric),
      (id) => void this.tapNode(id),
    );
    window.__cy = this.graph.cy;
    this.years = new YearFilter(byId('year-toggle'), byId('year-slider'), byId('year-input'), (year) => void this.setYear(year));
    const find = (text: string) => search(text, this.state.lang);
    const fail = (err: unknown) => this.fail(err);
    new Combobox(byId('search'), find, (hit) => void this.choose(hit.id), fail);
    this.pathFrom = new Combobox(byId('path-from'), find, (hit) => void this.setPathEnd('from', hit.id), fail);
    this.pathTo = new Combobox(byId('path-to'), find, (hit) => void this.setPathEnd('to', hit.id), fail);

    for (const input of document.querySelectorAll<HTMLInputElement>('input[name=mode]')) {
      input.addEventListener('change', () => void this.setMode(input.value === 'path' ? 'path' : 'explore'));
    }
    for (const input of document.querySelectorAll<HTMLInputElement>('input[name=lang]')) {
      input.addEventListener('change', () => void this.setLanguage(input.value === 'ar' ? 'ar' : 'en'));
    }
    byId('path-find').addEventListener('click', () => void this.redraw());
    byId('fit').addEventListener('click', () => this.graph.fit());
  }

  async start(): Promise<void> {
    this.applyLanguage();
    this.applyMode();
    try {
      const [vocabulary, range] = await Promise.all([fetchVocabulary(this.state.lang), fetchYearRange()]);
      this.useVocabulary(vocabulary);
      if (range) this.years.setRange(range[0], range[1]);
    } catch (err) {
      this.fail(err);
    }
    if (this.state.year !== null) this.years.set(this.state.year, false);
    this.state.year = this.years.year;
    await Promise.all([this.redraw(), this.showDetails()]);
  }

  /** A search hit was chosen: draw its neighbourhood afresh. */
  private async choose(id: string): Promise<void> {
    this.state.entity = id;
    this.state.expanded = [id];
    await Promise.all([this.redraw(), this.showDetails()]);
  }

  /** A node was clicked: show it and, when exploring, add its neighbours. */
  private async tapNode(id: string): Promise<void> {
    this.state.entity = id;
    this.graph.select(id);
    const work = [this.showDetails()];
    if (this.state.mode === 'explore' && !this.state.expanded.includes(id)) {
      this.state.expanded.push(id);
      work.push(this.redraw());
    } else {
      writeLocation(this.state);
    }
    await Promise.all(work);
  }

  private async setYear(year: number | null): Promise<void> {
    this.state.year = year;
    await Promise.all([this.redraw(), this.showDetails()]);
  }

  private async setMode(mode: ViewState['mode']): Promise<void> {
    this.state.mode = mode;
    this.applyMode();
    await this.redraw();
  }

  private async setPathEnd(end: 'from' | 'to', id: string): Promise<void> {
    this.state[end] = id;
    if (this.state.from && this.state.to) await this.redraw();
  }

  private async setLanguage(lang: Lang): Promise<void> {
    this.state.lang = lang;
    this.applyLanguage();
    try {
      this.useVocabulary(await fetchVocabulary(lang));
    } catch (err) {
      this.fail(err);
    }
    await Promise.all([this.redraw(), this.showDetails()]);
  }

  /** Lays the page out in the language: its words, its direction. */
  private applyLanguage(): void {
    const { lang } = this.state;
    setLang(lang);
    document.documentElement.lang = lang;
    document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
    byId('panel').dir = lang === 'ar' ? 'rtl' : 'ltr';
    byId<HTMLInputElement>(`lang-${lang}`).checked = true;
    translatePage();
    document.title = t('title');
  }

  private applyMode(): void {
    const path = this.state.mode === 'path';
    byId<HTMLInputElement>(path ? 'mode-path' : 'mode-explore').checked = true;
    byId('explore-controls').hidden = path;
    byId('path-controls').hidden = !path;
    byId('path-section').hidden = !path;
  }

  private useVocabulary(v: Vocabulary): void {
    this.vocabulary = v;
    this.palette = new Palette(
      v.relationTypes.map((rt) => rt.id),
      v.entityKinds.map((k) => k.id),
    );
    this.graph.recolour();
  }

  private get at(): string | null {
    return this.state.year === null ? null : String(this.state.year).padStart(4, '0');
  }

  /** Draws what the state asks for: the expanded neighbourhoods, or the path. */
  private async redraw(): Promise<void> {
    const generation = ++this.drawGeneration;
    const current = () => generation === this.drawGeneration;
    this.status(t('loading'));
    try {
      if (this.state.mode === 'path') {
        await this.drawPath(current);
      } else {
        await this.drawNeighborhoods(current);
      }
      if (!current()) return;
      this.graph.select(this.state.entity);
      this.showLegend();
      writeLocation(this.state);
    } catch (err) {
      if (current()) this.fail(err);
    }
  }

  private async drawNeighborhoods(current: () => boolean): Promise<void> {
    this.emptyHint(t('emptyText'));
    const parts = await fetchNeighborhoods(this.state.expanded, this.state.lang, this.at);
    if (!current()) return;
    const entities = new Map<string, EntityRef>();
    const relations = new Map<string, RelationRef>();
    for (const part of parts) {
      part.entities.forEach((e) => entities.set(e.id, e));
      part.relations.forEach((r) => relations.set(r.id, r));
    }
    await this.graph.draw({ entities: [...entities.values()], relations: [...relations.values()], expanded: this.state.expanded });
    if (!current()) return;
    byId('graph-empty').hidden = entities.size > 0;
    const counts = t('ready', { nodes: entities.size, edges: relations.size });
    this.status(parts.some((p) => p.truncated) ? `${counts} ${t('truncated')}` : counts);
  }

  private async drawPath(current: () => boolean): Promise<void> {
    this.emptyHint(t('emptyPathText'));
    const { from, to } = this.state;
    let path: Path | null = null;
    if (from && to) {
      path = await fetchPath(from, to, this.state.lang, this.at);
      if (!current()) return;
    }
    const ids = path ? [...path.entities.map((e) => e.id), ...path.relations.map((r) => r.id)] : [];
    await this.graph.draw({ entities: path?.entities ?? [], relations: path?.relations ?? [], path: ids });
    if (!current()) return;
    byId('graph-empty').hidden = path !== null;
    this.showPathSteps(path);
    if (path) {
      this.status(t('pathFound', { n: path.length }));
      this.pathFrom.value = path.entities[0].name;
      this.pathTo.value = path.entities[path.entities.length - 1].name;
    } else if (from && to) {
      this.status(t('noPath', { at: this.state.year === null ? '' : t('inYear', { year: this.state.year }) }));
    } else {
      this.status('');
    }
  }

  /** The path in words, under the drawing: entity, relation, entity, ... */
  private showPathSteps(path: Path | null): void {
    const list = byId('path-result');
    list.replaceChildren();
    if (!path) return;
    path.entities.forEach((e, i) => {
      const button = h('button', { type: 'button', class: 'entity-link', dir: 'auto', 'data-id': e.id }, e.name);
      button.addEventListener('click', () => void this.tapNode(e.id));
      list.append(h('li', { class: 'path-entity' }, button));
      const r = path.relations[i];
      if (r) {
        list.append(
          h(
            'li',
            { class: 'path-relation', 'aria-label': edgeLabel(r.label, r.start, r.end) },
            h('span', { class: 'swatch', style: `background:${this.palette.typeColor(r.type)}`, 'aria-hidden': 'true' }),
            h('span', { dir: 'auto' }, edgeLabel(r.label, r.start, r.end)),
          ),
        );
      }
    });
  }

  private emptyHint(text: string): void {
    byId('graph-empty-text').textContent = text;
  }

  private showLegend(): void {
    const kinds = new Set(this.graph.cy.nodes().map((n) => n.data('kind') as string));
    const types = new Set(this.graph.cy.edges().map((e) => e.data('type') as string));
    renderLegend(
      byId('legend'),
      this.vocabulary.entityKinds.filter((k) => kinds.has(k.id)),
      this.vocabulary.relationTypes.filter((rt) => types.has(rt.id)),
      this.palette,
    );
  }

  /** Fills the side panel and the timeline for the selected entity. */
  private async showDetails(): Promise<void> {
    const generation = ++this.detailGeneration;
    const id = this.state.entity;
    const panelContext = { palette: this.palette, year: this.state.year, onEntity: (other: string) => void this.tapNode(other) };
    const timelineContext = {
      palette: this.palette,
      entity: id ?? '',
      year: this.state.year,
      onYear: (year: number) => this.years.set(year),
    };
    byId('timeline-section').hidden = id === null;
    if (id === null) {
      renderPanel(byId('details'), null, panelContext);
      renderTimeline(byId('timeline'), null, timelineContext);
      return;
    }
    try {
      const [detail, timeline] = await Promise.all([fetchEntity(id, this.state.lang, this.at), fetchTimeline(id, this.state.lang)]);
      if (generation !== this.detailGeneration) return;
      if (!detail) {
        this.status(t('notFound', { id }));
        return;
      }
      renderPanel(byId('details'), detail, panelContext);
      renderTimeline(byId('timeline'), timeline, timelineContext);
    } catch (err) {
      if (generation === this.detailGeneration) this.fail(err);
    }
  }

  private status(text: string, isError = false): void {
    const el = byId('status');
    el.textContent = text;
    el.classList.toggle('error', isError);
  }

  private fail(err: unknown): void {
    const message = err instanceof GraphQLRequestError || err instanceof Error ? err.message : String(err);
    this.status(t('error', { message }), true);
    console.warn('explorer:', err);
  }
}

void new Explorer().start();
