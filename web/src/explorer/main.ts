// The explorer: search the graph, draw an entity's neighbourhood, expand
// it node by node, filter it by year or play the years, compare two years,
// find the shortest path between two entities, and read every fact with
// its sources, in any language of the data. Every view is in the address
// bar. It talks to nothing but the public GraphQL API (and the exports).
import './style.css';
import { GraphQLRequestError, busy } from '../shared/graphql';
import { renderChanges } from './changes';
import { Palette } from './colors';
import { Combobox } from './combobox';
import { edgeLabel } from './dates';
import { byId, h } from './dom';
import { saveBlob, updateExportLinks } from './downloads';
import { Editor } from './editor';
import type { GraphChange } from './editorqueries';
import { GraphView, type Change } from './graph';
import { isRtl, setLang, t, translatePage } from './i18n';
import { renderLegend } from './legend';
import { followChanges, type LiveState } from './live';
import { MAX_DEPTH, readLocation, writeLocation, type Mode, type ViewState } from './location';
import { renderPanel } from './panel';
import {
  fetchChanges,
  fetchEntity,
  fetchLanguages,
  fetchNeighborhoods,
  fetchPath,
  fetchTimeline,
  fetchVocabulary,
  fetchYearRange,
  search,
} from './queries';
import { Session } from './session';
import { renderTable } from './table';
import { renderTimeline } from './timeline';
import type { EntityRef, Lang, Path, RelationRef, Vocabulary } from './types';
import { YearFilter } from './yearfilter';

/** How long each year shows while the years play. */
const PLAY_STEP_MS = 500;

class Explorer {
  private state: ViewState = readLocation();
  private vocabulary: Vocabulary = { entityKinds: [], relationTypes: [] };
  private palette = new Palette();
  private readonly graph: GraphView;
  private readonly years: YearFilter;
  private readonly pathFrom: Combobox;
  private readonly pathTo: Combobox;
  /** What is drawn, for the table view. */
  private drawn: { entities: EntityRef[]; relations: RelationRef[] } = { entities: [], relations: [] };
  private playing = false;
  /** Counts the runs of the play button: a paused run must not go on when a new one starts. */
  private playRun = 0;
  // Answers to stale requests are dropped: only the latest one is shown.
  private drawGeneration = 0;
  private detailGeneration = 0;
  private readonly session: Session;
  private readonly editor: Editor;
  /** The entity and language the editor was last shown for: it reloads (dropping what was typed) only when they change. */
  private editing = '';
  private liveState: LiveState = 'connecting';

  constructor() {
    this.graph = new GraphView(
      byId('graph'),
      () => this.palette,
      (type) => this.vocabulary.relationTypes.some((rt) => rt.id === type && rt.symmetric),
      (id) => void this.tapNode(id),
      (id) => void this.focusNode(id),
    );
    this.years = new YearFilter(byId('year-toggle'), byId('year-slider'), byId('year-input'), (year) => void this.setYear(year));
    const find = (text: string) => search(text, this.state.lang);
    const fail = (err: unknown) => this.fail(err);
    this.session = new Session(() => void this.showEditor(true));
    this.editor = new Editor(byId('editor'), {
      lang: () => this.state.lang,
      vocabulary: () => this.vocabulary,
      search: find,
      onSaved: () => void this.refresh(),
      onAuthError: (err) => this.session.handle(err),
      announce: (text) => this.status(text),
    });
    new Combobox(byId('search'), find, (hit) => void this.choose(hit.id), fail);
    this.pathFrom = new Combobox(byId('path-from'), find, (hit) => void this.setPathEnd('from', hit.id), fail);
    this.pathTo = new Combobox(byId('path-to'), find, (hit) => void this.setPathEnd('to', hit.id), fail);

    for (const input of document.querySelectorAll<HTMLInputElement>('input[name=mode]')) {
      input.addEventListener('change', () => void this.setMode(input.value as Mode));
    }
    byId<HTMLSelectElement>('lang').addEventListener('change', (e) => void this.setLanguage((e.target as HTMLSelectElement).value));
    byId<HTMLSelectElement>('depth').addEventListener('change', (e) => void this.setDepth(Number((e.target as HTMLSelectElement).value)));
    byId('path-find').addEventListener('click', () => void this.redraw(true));
    byId('compare-go').addEventListener('click', () => void this.setCompare());
    byId('fit').addEventListener('click', () => this.graph.fit());
    byId('play').addEventListener('click', () => void (this.playing ? this.stopPlaying() : this.play()));
    byId('view-table').addEventListener('click', () => this.toggleTable());
    byId('download-png').addEventListener('click', () => saveBlob(this.graph.png(), `${this.fileStem()}.png`));
    byId('download-svg').addEventListener('click', () =>
      saveBlob(new Blob([this.graph.svg()], { type: 'image/svg+xml' }), `${this.fileStem()}.svg`),
    );
    // The downloads menu folds away once a download is chosen.
    const downloads = document.querySelector<HTMLDetailsElement>('.downloads')!;
    downloads.addEventListener('click', (e) => {
      if ((e.target as HTMLElement).closest('.downloads-menu button, .downloads-menu a')) downloads.open = false;
    });
    // Back and forward, and an address edited by hand, restore that view.
    window.addEventListener('popstate', () => void this.restore());
  }

  async start(): Promise<void> {
    this.fillDepths();
    this.applyLanguage();
    this.applyMode();
    try {
      const [vocabulary, range, languages] = await Promise.all([fetchVocabulary(this.state.lang), fetchYearRange(), fetchLanguages()]);
      this.useVocabulary(vocabulary);
      this.fillLanguages(languages);
      if (range) this.years.setRange(range[0], range[1]);
    } catch (err) {
      this.fail(err);
    }
    this.applyYears();
    followChanges({
      onChange: (c) => this.changed(c),
      onResync: () => void this.refresh(),
      onState: (state) => this.showLiveState(state),
    });
    await Promise.all([this.redraw(false), this.showDetails()]);
  }

  /** Reads what is drawn and the selected entity again, after a change. */
  private async refresh(): Promise<void> {
    await Promise.all([this.redraw(false), this.showDetails()]);
  }

  /**
   * A write was committed (here, in another page or by another client):
   * the view is read again when the change touches anything drawn, an
   * expanded entity's neighbourhood or the selected entity.
   */
  private changed(c: GraphChange): void {
    document.body.dataset.liveSeq = String(c.change.seq);
    this.editor.changed(c);
    const deleted = new Set(c.deletedIds);
    const shown = new Set([
      ...this.drawn.entities.map((e) => e.id),
      ...this.drawn.relations.map((r) => r.id),
      ...this.state.expanded,
      ...[this.state.entity, this.state.from, this.state.to].filter((id): id is string => id !== null),
    ]);
    const touched = [
      ...c.entities.map((e) => e.id),
      ...c.relations.flatMap((r) => [r.id, r.fromId, r.toId]),
      ...c.deletedIds,
    ].some((id) => shown.has(id));
    if (!touched) return;
    // A deleted entity can no longer be drawn or shown.
    if (deleted.size) {
      this.state.expanded = this.state.expanded.filter((id) => !deleted.has(id));
      if (this.state.entity && deleted.has(this.state.entity)) this.state.entity = null;
    }
    void this.refresh();
  }

  private showLiveState(state: LiveState): void {
    this.liveState = state;
    const el = byId('live-status');
    el.dataset.state = state;
    el.textContent = t(state === 'live' ? 'live' : state === 'reconnecting' ? 'reconnecting' : 'liveConnecting');
  }

  /** Shows the editor for the selected entity; again from the server when forced or when the entity or language changed. */
  private async showEditor(force = false): Promise<void> {
    const key = `${this.session.signedIn}|${this.state.entity}|${this.state.lang}`;
    if (!force && key === this.editing) return;
    this.editing = key;
    await this.editor.show(this.state.entity, this.session.signedIn);
  }

  /** Shows the view in the address bar, after back or forward. */
  private async restore(): Promise<void> {
    this.stopPlaying();
    const next = readLocation();
    const langChanged = next.lang !== this.state.lang;
    this.state = next;
    this.applyLanguage();
    this.applyMode();
    this.applyYears();
    if (langChanged) {
      try {
        this.useVocabulary(await fetchVocabulary(next.lang));
      } catch (err) {
        this.fail(err);
      }
    }
    await Promise.all([this.redraw(false), this.showDetails()]);
  }

  /** A search hit was chosen: draw its neighbourhood afresh. */
  private async choose(id: string): Promise<void> {
    this.state.entity = id;
    this.state.expanded = [id];
    await Promise.all([this.redraw(true), this.showDetails()]);
  }

  /** A node was clicked: show it and, when exploring, add its neighbours. */
  private async tapNode(id: string): Promise<void> {
    this.state.entity = id;
    this.graph.select(id);
    const work = [this.showDetails()];
    if (this.state.mode === 'explore' && !this.state.expanded.includes(id)) {
      this.state.expanded.push(id);
      work.push(this.redraw(true));
    } else {
      writeLocation(this.state, true);
      this.showTable();
    }
    await Promise.all(work);
  }

  /** A node was reached with the keyboard: show it, without expanding. */
  private async focusNode(id: string): Promise<void> {
    this.state.entity = id;
    this.graph.select(id);
    byId('graph-focus').textContent = this.drawn.entities.find((e) => e.id === id)?.name ?? id;
    writeLocation(this.state, false);
    await this.showDetails();
  }

  private async setYear(year: number | null, push = true): Promise<void> {
    this.state.year = year;
    await Promise.all([this.redraw(push), this.showDetails()]);
  }

  private async setDepth(depth: number): Promise<void> {
    this.state.depth = depth;
    await this.redraw(true);
  }

  private async setMode(mode: Mode): Promise<void> {
    this.stopPlaying();
    this.state.mode = mode;
    if (mode === 'compare' && !this.state.compare) this.state.compare = this.compareInputs();
    this.applyMode();
    await this.redraw(true);
  }

  private async setCompare(): Promise<void> {
    this.state.compare = this.compareInputs();
    await this.redraw(true);
  }

  private compareInputs(): [number, number] {
    const [min, max] = this.years.range;
    const read = (id: string, fallback: number) => {
      const v = Number(byId<HTMLInputElement>(id).value);
      return Number.isInteger(v) && byId<HTMLInputElement>(id).value !== '' ? v : fallback;
    };
    const a = read('compare-from', min);
    const b = read('compare-to', max);
    // The earlier year first, whichever field it was typed in.
    return a <= b ? [a, b] : [b, a];
  }

  private async setPathEnd(end: 'from' | 'to', id: string): Promise<void> {
    this.state[end] = id;
    if (this.state.from && this.state.to) await this.redraw(true);
  }

  private async setLanguage(lang: Lang): Promise<void> {
    this.state.lang = lang;
    this.applyLanguage();
    try {
      this.useVocabulary(await fetchVocabulary(lang));
    } catch (err) {
      this.fail(err);
    }
    await Promise.all([this.redraw(true), this.showDetails()]);
  }

  /** Plays the years: the filter moves a year each step, from the first dated year (or the current one) to the last. */
  private async play(): Promise<void> {
    const [min, max] = this.years.range;
    let year = this.state.year !== null && this.state.year < max ? this.state.year : min;
    const run = ++this.playRun;
    const going = () => this.playing && this.playRun === run;
    this.playing = true;
    this.reflectPlaying();
    writeLocation(this.state, true);
    for (; going() && year <= max; year++) {
      const started = performance.now();
      this.years.set(year, false);
      await this.setYear(year, false);
      const rest = PLAY_STEP_MS - (performance.now() - started);
      if (rest > 0 && going()) await new Promise((r) => setTimeout(r, rest));
    }
    if (this.playRun === run) this.stopPlaying();
  }

  private stopPlaying(): void {
    if (!this.playing) return;
    this.playing = false;
    this.playRun++;
    this.reflectPlaying();
  }

  private reflectPlaying(): void {
    const button = byId('play');
    button.setAttribute('aria-pressed', String(this.playing));
    button.textContent = this.playing ? '⏸' : '▶';
    button.title = t(this.playing ? 'pause' : 'play');
    button.setAttribute('aria-label', button.title);
    document.body.dataset.playing = String(this.playing);
  }

  /** Lays the page out in the language: its words, its direction. */
  private applyLanguage(): void {
    const { lang } = this.state;
    setLang(lang);
    const dir = isRtl(lang) ? 'rtl' : 'ltr';
    document.documentElement.lang = lang;
    document.documentElement.dir = dir;
    byId('panel').dir = dir;
    const select = byId<HTMLSelectElement>('lang');
    if (![...select.options].some((o) => o.value === lang)) select.append(languageOption(lang));
    select.value = lang;
    translatePage();
    this.reflectPlaying();
    this.session.reflect();
    this.showLiveState(this.liveState);
    document.title = t('title');
  }

  private fillLanguages(languages: string[]): void {
    const select = byId<HTMLSelectElement>('lang');
    const all = [...new Set(['en', ...languages, this.state.lang])];
    select.replaceChildren(...all.map(languageOption));
    select.value = this.state.lang;
  }

  private fillDepths(): void {
    const select = byId<HTMLSelectElement>('depth');
    select.replaceChildren(...Array.from({ length: MAX_DEPTH }, (_, i) => h('option', { value: String(i + 1) }, String(i + 1))));
  }

  private applyMode(): void {
    const { mode } = this.state;
    byId<HTMLInputElement>(`mode-${mode}`).checked = true;
    byId('explore-controls').hidden = mode === 'path';
    byId('path-controls').hidden = mode !== 'path';
    byId('compare-controls').hidden = mode !== 'compare';
    byId('year-filter').hidden = mode === 'compare';
    byId('path-section').hidden = mode !== 'path';
    byId('compare-section').hidden = mode !== 'compare';
    byId<HTMLSelectElement>('depth').value = String(this.state.depth);
    if (this.state.compare) {
      byId<HTMLInputElement>('compare-from').value = String(this.state.compare[0]);
      byId<HTMLInputElement>('compare-to').value = String(this.state.compare[1]);
    }
  }

  private applyYears(): void {
    this.years.set(this.state.year, false);
    this.state.year = this.years.year;
    const [min, max] = this.years.range;
    for (const id of ['compare-from', 'compare-to']) {
      byId<HTMLInputElement>(id).min = String(min);
      byId<HTMLInputElement>(id).max = String(max);
    }
    if (!this.state.compare) {
      byId<HTMLInputElement>('compare-from').value = String(min);
      byId<HTMLInputElement>('compare-to').value = String(max);
    }
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

  /** Draws what the state asks for: the expanded neighbourhoods, the path or the comparison. */
  private async redraw(push: boolean): Promise<void> {
    const generation = ++this.drawGeneration;
    const current = () => generation === this.drawGeneration;
    this.status(t('loading'));
    try {
      await busy(async () => {
        if (this.state.mode === 'path') await this.drawPath(current);
        else if (this.state.mode === 'compare') await this.drawComparison(current);
        else await this.drawNeighborhoods(current);
      });
      if (!current()) return;
      this.graph.select(this.state.entity);
      this.showLegend();
      this.showTable();
      updateExportLinks(
        byId('download-graphml'),
        byId('download-json'),
        this.state.mode === 'explore' && this.state.expanded.length ? { roots: this.state.expanded, depth: this.state.depth, at: this.at } : null,
      );
      writeLocation(this.state, push);
    } catch (err) {
      if (current()) this.fail(err);
    }
  }

  private async drawNeighborhoods(current: () => boolean): Promise<void> {
    this.emptyHint(t('emptyText'));
    const parts = await fetchNeighborhoods(this.state.expanded, this.state.depth, this.state.lang, this.at);
    if (!current()) return;
    const entities = new Map<string, EntityRef>();
    const relations = new Map<string, RelationRef>();
    for (const part of parts) {
      part.entities.forEach((e) => entities.set(e.id, e));
      part.relations.forEach((r) => relations.set(r.id, r));
    }
    this.drawn = { entities: [...entities.values()], relations: [...relations.values()] };
    await this.graph.draw({ ...this.drawn, expanded: this.state.expanded });
    if (!current()) return;
    byId('graph-empty').hidden = entities.size > 0;
    const counts = t('ready', { nodes: entities.size, edges: relations.size });
    this.status(parts.some((p) => p.truncated) ? `${counts} ${t('truncated')}` : counts);
  }

  private async drawComparison(current: () => boolean): Promise<void> {
    this.emptyHint(t('emptyText'));
    const [from, to] = this.state.compare ?? this.compareInputs();
    const c = await fetchChanges(String(from).padStart(4, '0'), String(to).padStart(4, '0'), this.state.entity, this.state.depth, this.state.lang);
    if (!current()) return;
    const entities = new Map<string, EntityRef>();
    const changes = new Map<string, Change>();
    const relations: RelationRef[] = [];
    for (const kind of ['added', 'ended', 'held'] as const) {
      for (const r of c[kind]) {
        entities.set(r.from.id, r.from);
        entities.set(r.to.id, r.to);
        changes.set(r.id, kind);
        relations.push(r);
      }
    }
    this.drawn = { entities: [...entities.values()], relations };
    await this.graph.draw({ ...this.drawn, expanded: this.state.entity ? [this.state.entity] : [], changes });
    if (!current()) return;
    byId('graph-empty').hidden = entities.size > 0;
    renderChanges(byId('compare-result'), c, (id) => void this.tapNode(id));
    this.status(t('compareStatus', { from, to, added: c.added.length, ended: c.ended.length, held: c.held.length }));
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
    this.drawn = { entities: path?.entities ?? [], relations: path?.relations ?? [] };
    await this.graph.draw({ ...this.drawn, path: ids });
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

  private toggleTable(): void {
    const button = byId('view-table');
    const showing = button.getAttribute('aria-pressed') === 'true';
    button.setAttribute('aria-pressed', String(!showing));
    byId('graph-table').hidden = showing;
    this.showTable();
  }

  private showTable(): void {
    const container = byId('graph-table');
    if (container.hidden) return;
    renderTable(container, this.drawn.entities, this.drawn.relations, { selected: this.state.entity, onEntity: (id) => void this.tapNode(id) });
  }

  /** The name downloads are saved under: graph-soviet-union-depth-2-1949. */
  private fileStem(): string {
    const parts = ['graph'];
    if (this.state.mode === 'path' && this.state.from && this.state.to) parts.push(this.state.from, 'to', this.state.to);
    else if (this.state.expanded.length) parts.push(this.state.expanded[0]);
    if (this.state.mode === 'compare' && this.state.compare) parts.push(...this.state.compare.map(String));
    else {
      if (this.state.mode === 'explore' && this.state.depth !== 1) parts.push(`depth-${this.state.depth}`);
      if (this.state.year !== null) parts.push(String(this.state.year));
    }
    return parts.join('-');
  }

  private emptyHint(text: string): void {
    byId('graph-empty-text').textContent = text;
  }

  private showLegend(): void {
    const kinds = new Set(this.drawn.entities.map((e) => e.kind));
    const types = new Set(this.drawn.relations.map((r) => r.type));
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
      rtl: isRtl(this.state.lang),
      onYear: (year: number) => this.years.set(year),
    };
    byId('timeline-section').hidden = id === null;
    void this.showEditor();
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

/** A language in the switch, named in itself: "English", "العربية", "српски". */
function languageOption(lang: string): HTMLOptionElement {
  let name = lang;
  try {
    name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  } catch {
    // An odd tag keeps its code as its name.
  }
  return h('option', { value: lang, lang }, name);
}

void new Explorer().start();
