// Colours for relation types and entity kinds (the legend names both, so
// that colour is never the only cue). The vocabulary is data, so
// colours are handed out by each type's place in the vocabulary (which
// the API returns in id order): the same type gets the same colour in
// every view and every session.

/** Distinct, readable-on-white colours for relation types. */
const typePalette = [
  '#c0392b', '#2e86c1', '#27ae60', '#8e44ad', '#d35400', '#16a085', '#b7950b', '#2c3e50',
  '#e84393', '#0097a7', '#6d4c41', '#7cb342', '#5e35b1', '#f4511e', '#00897b', '#3949ab',
  '#c2185b', '#689f38', '#455a64', '#ef6c00', '#1e88e5', '#8d6e63', '#9e9d24', '#ad1457',
];

/** Soft fills for entity kinds, with the matching border colour. */
const kindPalette: [fill: string, border: string][] = [
  ['#fdecea', '#c0392b'], ['#e8f1fb', '#2e86c1'], ['#e9f7ef', '#27ae60'], ['#f4ecf7', '#8e44ad'],
  ['#fef5e7', '#d35400'], ['#e8f8f5', '#16a085'], ['#fcf3cf', '#b7950b'], ['#ebedef', '#2c3e50'],
];

/** Assigns colours and shapes from the vocabulary's order. */
export class Palette {
  private types = new Map<string, number>();
  private kinds = new Map<string, number>();

  constructor(typeIds: string[] = [], kindIds: string[] = []) {
    typeIds.forEach((id, i) => this.types.set(id, i));
    kindIds.forEach((id, i) => this.kinds.set(id, i));
  }

  typeColor(type: string): string {
    return typePalette[indexOf(this.types, type) % typePalette.length];
  }

  kindFill(kind: string): string {
    return kindPalette[indexOf(this.kinds, kind) % kindPalette.length][0];
  }

  kindBorder(kind: string): string {
    return kindPalette[indexOf(this.kinds, kind) % kindPalette.length][1];
  }
}

/** The index of a key, or a stable one for keys the vocabulary lacks. */
function indexOf(map: Map<string, number>, key: string): number {
  const i = map.get(key);
  if (i !== undefined) return i;
  let hash = 0;
  for (const c of key) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  map.set(key, hash);
  return hash;
}
