// The shapes of the API's answers, as the explorer's operations select
// them: derived from the types GraphQL Code Generator writes from the
// schema and src/explorer/operations.graphql, so that they cannot drift.
import type {
  ChangesQuery,
  CitationRefFragment,
  EntityQuery,
  EntityRefFragment,
  NeighborhoodQuery,
  PathQuery,
  RelationRefFragment,
  TimelineQuery,
  VocabularyQuery,
} from './generated/operations';

/** A language tag the explorer is shown in: "en", "ar", "sr-Latn", ... */
export type Lang = string;

export interface Label {
  lang: string;
  text: string;
}

/** An entity as the graph draws it. */
export type EntityRef = EntityRefFragment;

/** A relation as the graph draws it. */
export type RelationRef = RelationRefFragment;

export type Subgraph = NeighborhoodQuery['neighborhood'];

export type Path = NonNullable<PathQuery['shortestPath']>;

export type Citation = CitationRefFragment;

type RawDetail = NonNullable<EntityQuery['entity']>;
type RawRelationDetail = RawDetail['relations']['nodes'][number];

/** A relation as the side panel lists it. */
export type RelationDetail = Omit<RawRelationDetail, 'typeInfo'> & { inverseLabel: string };

/** An entity as the side panel shows it. */
export type EntityDetail = Omit<RawDetail, 'kindInfo' | 'relations'> & {
  kindName: string;
  relations: { totalCount: number; nodes: RelationDetail[] };
};

/** A dated relation on the timeline. */
export type TimelineEntry = TimelineQuery['timeline'][number];

export type Vocabulary = VocabularyQuery['vocabulary'];

/** A search hit. */
export interface Hit {
  id: string;
  name: string;
  kindName: string;
}

/** What changed between two years. */
export type Comparison = ChangesQuery['changesBetween'];
