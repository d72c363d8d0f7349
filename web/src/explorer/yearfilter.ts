// The year filter: a checkbox that turns it on, a slider and a number
// field kept in step. While it is on, the graph, the path and the panel
// show only relations in force at some time in that year.

export class YearFilter {
  private min = 1800;
  private max = new Date().getFullYear();

  constructor(
    private readonly toggle: HTMLInputElement,
    private readonly slider: HTMLInputElement,
    private readonly field: HTMLInputElement,
    private readonly onChange: (year: number | null) => void,
  ) {
    toggle.addEventListener('change', () => this.changed());
    // The slider reports as it moves; the graph follows when it is let go
    // (change), and the number field follows at once (input).
    slider.addEventListener('input', () => {
      field.value = slider.value;
    });
    slider.addEventListener('change', () => this.set(Number(slider.value)));
    field.addEventListener('change', () => {
      const year = Number(field.value);
      if (field.value.trim() !== '' && Number.isInteger(year)) this.set(year);
      else field.value = slider.value;
    });
    this.setRange(this.min, this.max);
  }

  /** The first and last years of the range. */
  get range(): [number, number] {
    return [this.min, this.max];
  }

  /** The filtered year, or null when the filter is off. */
  get year(): number | null {
    return this.toggle.checked ? Number(this.slider.value) : null;
  }

  /** Sets the years the slider spans. */
  setRange(min: number, max: number): void {
    this.min = min;
    this.max = max;
    for (const input of [this.slider, this.field]) {
      input.min = String(min);
      input.max = String(max);
    }
    if (!this.toggle.checked) this.show(Math.max(min, Math.min(max, Number(this.slider.value) || min)));
  }

  /** Turns the filter on at this year (clamped to the range), or off with null. */
  set(year: number | null, notify = true): void {
    if (year === null) {
      this.toggle.checked = false;
    } else {
      this.toggle.checked = true;
      this.show(Math.max(this.min, Math.min(this.max, year)));
    }
    this.reflect();
    if (notify) this.onChange(this.year);
  }

  private changed(): void {
    this.reflect();
    this.onChange(this.year);
  }

  private show(year: number): void {
    this.slider.value = String(year);
    this.field.value = String(year);
  }

  /** Marks the controls as on or off, for styles and assistive technology. */
  private reflect(): void {
    const on = this.toggle.checked;
    this.slider.setAttribute('aria-disabled', String(!on));
    this.field.closest('.year-filter')?.classList.toggle('off', !on);
  }
}
