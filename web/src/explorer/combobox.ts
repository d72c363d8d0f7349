// An entity picker: a text field that searches as one types and offers the
// hits in a list, operable with the keyboard (the ARIA combobox pattern).
// Text may be in any language; dir="auto" lays out Arabic right to left.
import { h } from './dom';
import { t } from './i18n';
import type { Hit } from './types';

let nextId = 0;

export class Combobox {
  private readonly list: HTMLUListElement;
  private hits: Hit[] = [];
  private active = -1;
  private timer: number | undefined;
  private generation = 0;

  constructor(
    readonly input: HTMLInputElement,
    private readonly search: (text: string) => Promise<Hit[]>,
    private readonly onPick: (hit: Hit) => void,
    private readonly onError: (err: unknown) => void,
  ) {
    const listId = `${input.id || 'combobox'}-list-${nextId++}`;
    this.list = h('ul', { id: listId, role: 'listbox', class: 'hits', hidden: true, 'data-testid': `${input.dataset.testid ?? 'search'}-results` });
    input.after(this.list);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    input.setAttribute('autocomplete', 'off');
    input.setAttribute('spellcheck', 'false');
    input.dir = 'auto';
    input.addEventListener('input', () => this.schedule());
    input.addEventListener('keydown', (e) => this.key(e));
    input.addEventListener('blur', () => window.setTimeout(() => this.close(), 150));
    input.addEventListener('focus', () => {
      if (this.hits.length) this.open();
    });
  }

  /** Shows a name in the field without searching. */
  set value(text: string) {
    this.input.value = text;
    this.close();
  }

  private schedule(): void {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => void this.run(), 180);
  }

  private async run(): Promise<void> {
    const text = this.input.value.trim();
    const generation = ++this.generation;
    if (!/[\p{L}\p{N}]/u.test(text)) {
      this.show([]);
      return;
    }
    try {
      const hits = await this.search(text.slice(0, 200));
      // A slower answer to an older text must not replace a newer one.
      if (generation === this.generation) this.show(hits);
    } catch (err) {
      if (generation === this.generation) this.onError(err);
    }
  }

  private show(hits: Hit[]): void {
    this.hits = hits;
    this.active = hits.length ? 0 : -1;
    this.list.replaceChildren(
      ...hits.map((hit, i) =>
        h(
          'li',
          { id: `${this.list.id}-${i}`, role: 'option', 'data-testid': 'search-hit', 'data-id': hit.id, 'aria-selected': i === this.active ? 'true' : 'false' },
          h('span', { class: 'hit-name', dir: 'auto' }, hit.name),
          h('span', { class: 'hit-kind' }, hit.kindName),
        ),
      ),
    );
    if (hits.length === 0 && this.input.value.trim()) {
      this.list.append(h('li', { class: 'hits-empty', role: 'presentation' }, t('noResults')));
    }
    for (const [i, li] of [...this.list.querySelectorAll('li[role=option]')].entries()) {
      // mousedown, not click: it comes before the field's blur closes the list.
      li.addEventListener('mousedown', (e) => {
        e.preventDefault();
        this.pick(i);
      });
    }
    this.highlight();
    if (this.list.childElementCount) this.open();
    else this.close();
  }

  private key(e: KeyboardEvent): void {
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (!this.hits.length) return;
        e.preventDefault();
        this.open();
        this.active = (this.active + (e.key === 'ArrowDown' ? 1 : this.hits.length - 1)) % this.hits.length;
        this.highlight();
        break;
      case 'Enter':
        e.preventDefault();
        window.clearTimeout(this.timer);
        if (this.hits.length && !this.list.hidden) this.pick(Math.max(this.active, 0));
        else void this.run();
        break;
      case 'Escape':
        this.close();
        break;
    }
  }

  private highlight(): void {
    const options = this.list.querySelectorAll('li[role=option]');
    options.forEach((li, i) => li.setAttribute('aria-selected', i === this.active ? 'true' : 'false'));
    if (this.active >= 0) {
      this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
      options[this.active]?.scrollIntoView({ block: 'nearest' });
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  private pick(i: number): void {
    const hit = this.hits[i];
    if (!hit) return;
    this.input.value = hit.name;
    this.close();
    this.onPick(hit);
  }

  private open(): void {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
  }
}
