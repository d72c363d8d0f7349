// The shapes of the API's answers, as the explorer's queries select them.

/** A language the explorer is shown in. */
export type Lang = 'en' | 'ar';

export interface Label {
  lang: string;
  text: string;
}

/** An entity as the graph draws it. */
export interface EntityRef {
  id: string;
  kind: string;
  name: string;
}

/** A relation as the graph draws it. */
export interface RelationRef {
  id: string;
  type: string;
  fromId: string;
  toId: string;
  start: string | null;
  end: string | null;
  label: string;
}

export interface Subgraph {
  entities: EntityRef[];
  relations: RelationRef[];
  truncated: boolean;
}

export interface Path {
  length: number;
  entities: EntityRef[];
  relations: RelationRef[];
}

export interface Citation {
  document: { id: string; title: string };
  paragraph: number | null;
  sentence: number | null;
}

/** A relation as the side panel lists it. */
export interface RelationDetail extends RelationRef {
  inverseLabel: string;
  description: string | null;
  from: { id: string; name: string };
  to: { id: string; name: string };
  sources: Citation[];
}

/** An entity as the side panel shows it. */
export interface EntityDetail {
  id: string;
  kind: string;
  kindName: string;
  name: string;
  labels: Label[];
  aliases: Label[];
  description: string | null;
  start: string | null;
  end: string | null;
  sources: Citation[];
  relations: { totalCount: number; nodes: RelationDetail[] };
}

/** A dated relation on the timeline. */
export interface TimelineEntry {
  id: string;
  type: string;
  label: string;
  start: string | null;
  end: string | null;
  from: { id: string; name: string };
  to: { id: string; name: string };
}

export interface Vocabulary {
  entityKinds: { id: string; name: string }[];
  relationTypes: { id: string; name: string; symmetric: boolean }[];
}

/** A search hit. */
export interface Hit {
  id: string;
  name: string;
  kindName: string;
}
