// The editor view, for a signed-in editor, under the selected entity's
// details: its labels (one per language), dates and description, its
// relations (add one, with its citation; delete one), and its history
// with a look at the entity as of each change. Every action is one
// mutation that names the version the form was loaded with, so that an
// edit based on a stale read is refused (CONFLICT) instead of silently
// undoing someone else's. Errors are shown next to the field they are
// about; a conflict offers to reload.
import { GraphQLRequestError } from '../shared/graphql';
import { Combobox } from './combobox';
import { period } from './dates';
import { h } from './dom';
import {
  createRelation,
  deleteRelation,
  fetchEditable,
  setDescription,
  setLabel,
  updateEntity,
  type EditableEntity,
  type EditableRelation,
  type GraphChange,
} from './editorqueries';
import type { CitationInput } from './generated/operations';
import { renderHistory } from './history';
import { t } from './i18n';
import type { Hit, Lang, Vocabulary } from './types';

export interface EditorContext {
  lang: () => Lang;
  vocabulary: () => Vocabulary;
  search: (text: string) => Promise<Hit[]>;
  /** An edit was saved: the view is read again. */
  onSaved: () => void;
  /** Shows an UNAUTHENTICATED or FORBIDDEN error at the sign-in; false for any other error. */
  onAuthError: (err: unknown) => boolean;
  /** A message for the status bar. */
  announce: (text: string) => void;
}

/** Where a form shows an error that names none of its fields. */
const FORM = '_form';

export class Editor {
  private id: string | null = null;
  private entity: EditableEntity | null = null;
  private signedIn = false;
  private generation = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly ctx: EditorContext,
  ) {}

  /** Shows the editor for this entity, or hides it when nobody is signed in or nothing is selected. */
  async show(id: string | null, signedIn: boolean): Promise<void> {
    this.id = id;
    this.signedIn = signedIn;
    await this.reload();
  }

  /** Loads the entity again and redraws every form from it (unsaved input is dropped). */
  async reload(): Promise<void> {
    const generation = ++this.generation;
    if (!this.signedIn || this.id === null) {
      this.entity = null;
      this.container.hidden = true;
      this.container.replaceChildren();
      return;
    }
    try {
      const entity = await fetchEditable(this.id, this.ctx.lang());
      if (generation !== this.generation) return;
      this.entity = entity;
      this.render();
    } catch (err) {
      if (generation !== this.generation) return;
      if (!this.ctx.onAuthError(err)) this.ctx.announce(t('error', { message: (err as Error).message }));
    }
  }

  /**
   * A change was committed somewhere. When it touches the entity being
   * edited, the editor reloads; if something was typed and not saved, it
   * says so instead and leaves the reload to the editor.
   */
  changed(c: GraphChange): void {
    const e = this.entity;
    if (!e) return;
    const mine = new Set([e.id, ...e.relations.nodes.map((r) => r.id)]);
    const touches =
      c.entities.some((x) => x.id === e.id && x.version !== e.version) ||
      c.relations.some((r) => (r.fromId === e.id || r.toId === e.id) && e.relations.nodes.find((n) => n.id === r.id)?.version !== r.version) ||
      c.deletedIds.some((id) => mine.has(id));
    if (!touches) return;
    if (this.container.querySelector('[data-dirty]')) {
      this.container.querySelector<HTMLElement>('[data-testid="editor-stale"]')!.hidden = false;
    } else {
      void this.reload();
    }
  }

  private render(): void {
    const e = this.entity;
    this.container.hidden = false;
    if (!e) {
      this.container.replaceChildren(h('p', { class: 'muted' }, t('notFound', { id: this.id ?? '' })));
      return;
    }
    const reload = h('button', { type: 'button', class: 'link-button' }, t('reload'));
    reload.addEventListener('click', () => void this.reload());
    const meta = [t('versionN', { n: e.version })];
    if (e.updatedAt) meta.push(t('changedAt', { at: e.updatedAt.replace('T', ' ').replace('Z', ' UTC') }));
    if (e.updatedBy) meta.push(t('changedBy', { by: e.updatedBy }));
    this.container.replaceChildren(
      h('h2', { id: 'editor-title', dir: 'auto' }, t('editTitle', { name: e.name })),
      h('p', { class: 'muted', 'data-testid': 'editor-version', 'data-version': e.version }, meta.join(' · ')),
      h('p', { class: 'notice', role: 'status', 'data-testid': 'editor-stale', hidden: true }, t('staleNotice'), ' ', reload),
      this.labelsSection(e),
      this.datesForm(e),
      this.descriptionForm(e),
      this.relationsSection(e),
      this.relationForm(e),
      renderHistory(e.id, this.ctx.lang),
    );
    // Typing marks a form: a change from elsewhere then does not wipe it.
    for (const form of this.container.querySelectorAll('form')) {
      form.addEventListener('input', () => form.setAttribute('data-dirty', ''));
    }
  }

  private labelsSection(e: EditableEntity): HTMLElement {
    const rows = e.labels.map((l) => {
      const form = editForm('label-form', { 'data-lang': l.lang });
      const inputId = `edit-label-${l.lang}`;
      form.append(
        h('label', { for: inputId, class: 'lang', dir: 'ltr' }, l.lang),
        field(form, h('input', { id: inputId, name: 'text', value: l.text, lang: l.lang, dir: 'auto', required: true, 'data-testid': 'label-input' })),
        submit(t('save'), 'label-save'),
        errorSlot(form, 'text'),
        errorSlot(form, FORM),
      );
      this.onSubmit(
        form,
        () => setLabel({ id: e.id, version: e.version, label: { lang: l.lang, text: value(form, 'text') } }),
        { lang: 'text', text: 'text', labels: 'text' },
        'text',
      );
      return form;
    });
    const add = editForm('label-new');
    add.append(
      h('label', { for: 'edit-label-new-lang' }, t('language')),
      field(add, h('input', { id: 'edit-label-new-lang', name: 'lang', size: 6, dir: 'ltr', required: true, autocomplete: 'off', 'data-testid': 'label-new-lang' })),
      h('label', { for: 'edit-label-new-text' }, t('name')),
      field(add, h('input', { id: 'edit-label-new-text', name: 'text', dir: 'auto', required: true, 'data-testid': 'label-new-text' })),
      submit(t('add'), 'label-add'),
      errorSlot(add, 'lang'),
      errorSlot(add, 'text'),
      errorSlot(add, FORM),
    );
    this.onSubmit(add, () => setLabel({ id: e.id, version: e.version, label: { lang: value(add, 'lang'), text: value(add, 'text') } }), {
      lang: 'lang',
      text: 'text',
      labels: 'text',
    });
    return h('fieldset', { class: 'edit-group', 'data-testid': 'edit-labels' }, h('legend', {}, t('labels')), ...rows, add);
  }

  private datesForm(e: EditableEntity): HTMLElement {
    const form = editForm('dates-form');
    form.append(
      h('label', { for: 'edit-start' }, t('start')),
      field(form, h('input', { id: 'edit-start', name: 'start', value: e.start ?? '', dir: 'ltr', size: 10, placeholder: 'YYYY-MM-DD', 'data-testid': 'start-input' })),
      h('label', { for: 'edit-end' }, t('end')),
      field(form, h('input', { id: 'edit-end', name: 'end', value: e.end ?? '', dir: 'ltr', size: 10, placeholder: 'YYYY-MM-DD', 'data-testid': 'end-input' })),
      submit(t('save'), 'dates-save'),
      errorSlot(form, 'start'),
      errorSlot(form, 'end'),
      errorSlot(form, FORM),
    );
    this.onSubmit(
      form,
      () =>
        updateEntity({
          version: e.version,
          entity: {
            id: e.id,
            kind: e.kind,
            labels: e.labels.map(({ lang, text }) => ({ lang, text })),
            aliases: e.aliases.map(({ lang, text }) => ({ lang, text })),
            descriptions: e.descriptions.map(({ lang, text }) => ({ lang, text })),
            start: value(form, 'start') || null,
            end: value(form, 'end') || null,
            sources: e.sources.map(citationInput),
          },
        }),
      { start: 'start', end: 'end' },
    );
    return h('fieldset', { class: 'edit-group', 'data-testid': 'edit-dates' }, h('legend', {}, t('dates')), form);
  }

  private descriptionForm(e: EditableEntity): HTMLElement {
    const lang = this.ctx.lang();
    const form = editForm('description-form');
    const current = e.descriptions.find((d) => d.lang === lang)?.text ?? '';
    form.append(
      h('label', { for: 'edit-description' }, t('descriptionIn', { lang })),
      field(form, h('textarea', { id: 'edit-description', name: 'text', lang, dir: 'auto', rows: 3, required: true, 'data-testid': 'description-input' }, current)),
      submit(t('save'), 'description-save'),
      errorSlot(form, 'text'),
      errorSlot(form, FORM),
    );
    this.onSubmit(
      form,
      () => setDescription({ id: e.id, version: e.version, description: { lang, text: value(form, 'text') } }),
      { text: 'text', descriptions: 'text', lang: 'text' },
      'text',
    );
    return h('fieldset', { class: 'edit-group', 'data-testid': 'edit-description' }, h('legend', {}, t('description')), form);
  }

  private relationsSection(e: EditableEntity): HTMLElement {
    const items = e.relations.nodes.map((r) => this.relationItem(e, r));
    return h(
      'fieldset',
      { class: 'edit-group', 'data-testid': 'edit-relations' },
      h('legend', {}, t('relations')),
      items.length ? h('ul', { class: 'edit-relations' }, ...items) : h('p', { class: 'muted' }, t('noRelations')),
    );
  }

  private relationItem(e: EditableEntity, r: EditableRelation): HTMLElement {
    const other = r.fromId === e.id ? r.to : r.from;
    const arrow = r.fromId === e.id ? '→' : '←';
    const text = `${r.label} ${arrow} ${other.name}${r.start || r.end ? ` (${period(r.start, r.end)})` : ''}`;
    const form = editForm('relation-delete', { 'data-relation': r.id });
    // Two steps, so that a slip of the finger deletes nothing.
    const button = h('button', { type: 'button', class: 'tool danger', 'data-testid': 'relation-delete-button', 'aria-label': t('deleteRelation', { what: text }) }, t('delete'));
    const confirm = submit(t('confirmDelete'), 'relation-delete-confirm');
    confirm.hidden = true;
    button.addEventListener('click', () => {
      button.hidden = true;
      confirm.hidden = false;
      confirm.focus();
    });
    form.append(h('span', { dir: 'auto', class: 'edit-relation-text' }, text), button, confirm, errorSlot(form, FORM));
    this.onSubmit(form, () => deleteRelation({ id: r.id, version: r.version }), {});
    return h('li', { 'data-testid': 'edit-relation', 'data-relation': r.id }, form);
  }

  private relationForm(e: EditableEntity): HTMLElement {
    const form = editForm('relation-form');
    const types = this.ctx.vocabulary().relationTypes;
    const sources = knownSources(e);
    let target: string | null = null;
    const targetInput = h('input', { id: 'rel-target', name: 'to', type: 'search', required: true, 'data-testid': 'rel-target' });
    const targetBox = h('div', { class: 'combo' }, targetInput);
    const row = (...nodes: Node[]) => h('div', { class: 'edit-row' }, ...nodes);
    form.append(
      row(
        h('label', { for: 'rel-type' }, t('relationType')),
        field(form, h('select', { id: 'rel-type', name: 'type', 'data-testid': 'rel-type' }, ...types.map((rt) => h('option', { value: rt.id }, rt.name)))),
      ),
      errorSlot(form, 'type'),
      row(
        h('label', { for: 'rel-direction' }, t('direction')),
        field(
          form,
          h(
            'select',
            { id: 'rel-direction', name: 'direction', 'data-testid': 'rel-direction' },
            h('option', { value: 'out' }, t('directionOut')),
            h('option', { value: 'in' }, t('directionIn')),
          ),
        ),
      ),
      row(h('label', { for: 'rel-target' }, t('target')), targetBox),
      errorSlot(form, 'to'),
      row(h('label', { for: 'rel-start' }, t('start')), field(form, h('input', { id: 'rel-start', name: 'start', dir: 'ltr', size: 10, placeholder: 'YYYY-MM-DD', 'data-testid': 'rel-start' }))),
      errorSlot(form, 'start'),
      row(h('label', { for: 'rel-end' }, t('end')), field(form, h('input', { id: 'rel-end', name: 'end', dir: 'ltr', size: 10, placeholder: 'YYYY-MM-DD', 'data-testid': 'rel-end' }))),
      errorSlot(form, 'end'),
      h(
        'fieldset',
        { class: 'edit-citation' },
        h('legend', {}, t('citation')),
        row(
          h('label', { for: 'rel-source' }, t('source')),
          field(form, h('input', { id: 'rel-source', name: 'source', dir: 'ltr', list: 'rel-sources', required: true, value: sources[0]?.id ?? '', 'data-testid': 'rel-source' })),
          h('datalist', { id: 'rel-sources' }, ...sources.map((s) => h('option', { value: s.id }, s.title))),
        ),
        errorSlot(form, 'source'),
        row(
          h('label', { for: 'rel-paragraph' }, t('paragraphField')),
          field(form, h('input', { id: 'rel-paragraph', name: 'paragraph', type: 'number', min: 1, step: 1, dir: 'ltr', 'data-testid': 'rel-paragraph' })),
          h('label', { for: 'rel-sentence' }, t('sentenceField')),
          field(form, h('input', { id: 'rel-sentence', name: 'sentence', type: 'number', min: 1, step: 1, dir: 'ltr', 'data-testid': 'rel-sentence' })),
        ),
        errorSlot(form, 'paragraph'),
        errorSlot(form, 'sentence'),
      ),
      row(h('label', { for: 'rel-id' }, t('relationId')), field(form, h('input', { id: 'rel-id', name: 'id', dir: 'ltr', placeholder: t('generated'), 'data-testid': 'rel-id' }))),
      errorSlot(form, 'id'),
      submit(t('addRelation'), 'relation-add'),
      errorSlot(form, FORM),
    );
    new Combobox(
      targetInput,
      this.ctx.search,
      (hit) => {
        target = hit.id;
        clearError(form, 'to');
      },
      (err) => showError(form, 'to', (err as Error).message),
    );
    // Typing another name forgets the entity picked before.
    targetInput.addEventListener('input', () => (target = null));
    this.onSubmit(
      form,
      () => {
        if (!target) {
          throw new GraphQLRequestError(t('pickTarget'), 'INVALID', { field: 'to' });
        }
        const type = value(form, 'type');
        const outgoing = value(form, 'direction') === 'out';
        const [from, to] = outgoing ? [e.id, target] : [target, e.id];
        const start = value(form, 'start') || null;
        const citation: CitationInput = {
          source: value(form, 'source'),
          paragraph: numberOrNull(value(form, 'paragraph')),
          sentence: numberOrNull(value(form, 'sentence')),
        };
        const id = value(form, 'id') || relationSlug(from, type, to, start);
        return createRelation({ relation: { id, type, from, to, start, end: value(form, 'end') || null, descriptions: null, sources: [citation] } });
      },
      { type: 'type', from: 'to', to: 'to', start: 'start', end: 'end', source: 'source', sources: 'source', paragraph: 'paragraph', sentence: 'sentence', id: 'id' },
    );
    return h('fieldset', { class: 'edit-group', 'data-testid': 'edit-add-relation' }, h('legend', {}, t('addRelation')), form);
  }

  /**
   * Runs a form's mutation on submit: the errors go next to their fields
   * (fields maps the names a server error may use to the form's own; the
   * rest go next to primary), a success reloads the editor and the view.
   */
  private onSubmit(form: HTMLFormElement, mutate: () => Promise<void>, fields: Record<string, string>, primary = FORM): void {
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      for (const slot of form.querySelectorAll<HTMLElement>('.field-error')) slot.hidden = true;
      for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
      const buttons = [...form.querySelectorAll<HTMLButtonElement>('button')];
      buttons.forEach((b) => (b.disabled = true));
      try {
        await mutate();
      } catch (err) {
        buttons.forEach((b) => (b.disabled = false));
        if (this.ctx.onAuthError(err)) return;
        // An error that names no field (a conflict is about the whole
        // element) goes next to the field being edited, if there is one.
        const at = fieldOf(err, fields) ?? primary;
        if (err instanceof GraphQLRequestError && err.code === 'CONFLICT' && err.extensions.currentVersion !== undefined) {
          const reload = h('button', { type: 'button', class: 'link-button', 'data-testid': 'conflict-reload' }, t('reloadLatest'));
          reload.addEventListener('click', () => void this.reload());
          showError(form, at, t('conflict', { version: String(err.extensions.currentVersion), message: err.message }), reload, 'conflict');
        } else {
          const code = err instanceof GraphQLRequestError ? err.code : undefined;
          showError(form, at, (err as Error).message ?? String(err), undefined, code === 'INVALID' ? 'invalid' : 'error');
        }
        return;
      }
      this.ctx.announce(t('saved'));
      await this.reload();
      this.ctx.onSaved();
    });
  }
}

/** A form of the editor, with a test id and attributes. */
function editForm(testid: string, attrs: Record<string, string> = {}): HTMLFormElement {
  return h('form', { class: 'edit-form', 'data-testid': testid, novalidate: true, ...attrs });
}

/** A form control, described by its error slot. */
function field<T extends HTMLElement>(form: HTMLFormElement, el: T): T {
  const name = el.getAttribute('name') ?? '';
  el.setAttribute('aria-describedby', errorId(form, name));
  return el;
}

let formCount = 0;
const formIds = new WeakMap<HTMLFormElement, string>();

function errorId(form: HTMLFormElement, name: string): string {
  let id = formIds.get(form);
  if (!id) formIds.set(form, (id = `edit-${formCount++}`));
  return `${id}-${name}-error`;
}

/** The place a field's error shows: right after it, read out when it appears. */
function errorSlot(form: HTMLFormElement, name: string): HTMLElement {
  return h('p', { id: errorId(form, name), class: 'field-error', role: 'alert', 'data-error-for': name, 'data-testid': 'field-error', hidden: true });
}

function showError(form: HTMLFormElement, name: string, message: string, action?: HTMLElement, kind = 'error'): void {
  const slot = form.querySelector<HTMLElement>(`[data-error-for="${name}"]`) ?? form.querySelector<HTMLElement>(`[data-error-for="${FORM}"]`)!;
  slot.replaceChildren(h('span', { dir: 'auto' }, message), ...(action ? [' ', action] : []));
  slot.dataset.kind = kind;
  slot.hidden = false;
  form.querySelector(`[name="${name}"]`)?.setAttribute('aria-invalid', 'true');
}

function clearError(form: HTMLFormElement, name: string): void {
  const slot = form.querySelector<HTMLElement>(`[data-error-for="${name}"]`);
  if (slot) slot.hidden = true;
  form.querySelector(`[name="${name}"]`)?.removeAttribute('aria-invalid');
}

function submit(text: string, testid: string): HTMLButtonElement {
  return h('button', { type: 'submit', class: 'button', 'data-testid': testid }, text);
}

function value(form: HTMLFormElement, name: string): string {
  const el = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  return el?.value.trim() ?? '';
}

function numberOrNull(s: string): number | null {
  return s === '' ? null : Number(s);
}

/**
 * The form field a server error is about, among the form's: named by the
 * error's extensions (field, or the fields of its problems), by the path
 * of a bad variable, or else by a field name the message mentions.
 */
function fieldOf(err: unknown, fields: Record<string, string>): string | null {
  if (!(err instanceof GraphQLRequestError)) return null;
  const ext = err.extensions;
  const named: string[] = [];
  if (typeof ext.field === 'string') named.push(ext.field);
  if (Array.isArray(ext.problems)) {
    for (const p of ext.problems) if (p && typeof p.field === 'string') named.push(p.field);
  }
  named.push(...err.path.filter((p): p is string => typeof p === 'string'));
  for (const n of named) {
    // "sources[0].paragraph" names paragraph; "labels.ar" names labels.
    for (const part of n.split(/[.[\]]+/).reverse()) if (fields[part]) return fields[part];
  }
  for (const name of Object.keys(fields)) {
    if (new RegExp(`(^|[^\\w])${name}([^\\w]|$)`).test(err.message)) return fields[name];
  }
  return null;
}

function citationInput(c: EditableEntity['sources'][number]): CitationInput {
  return { source: c.document.id, paragraph: c.paragraph, sentence: c.sentence };
}

/** The source documents the entity and its relations cite: those an editor most likely cites again. */
function knownSources(e: EditableEntity): { id: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const c of [...e.sources, ...e.relations.nodes.flatMap((r) => r.sources)]) seen.set(c.document.id, c.document.title);
  return [...seen].map(([id, title]) => ({ id, title }));
}

/** A readable id for a new relation: "croatia-member-of-un-1992". */
export function relationSlug(from: string, type: string, to: string, start: string | null): string {
  const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return [from, slug(type), to, start ? start.slice(0, 4) : ''].filter(Boolean).join('-');
}
