/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** A place in a source document. */
export type CitationInput = {
  /** The 1-based paragraph, or none for the whole document. */
  paragraph: number | null | undefined;
  /** The 1-based sentence in the paragraph, or none for the whole paragraph. */
  sentence: number | null | undefined;
  /** The id of a source document. */
  source: string;
};

/** An entity, as a write takes it: the fields of the dataset format. */
export type EntityInput = {
  /** Other names and spellings. */
  aliases: Array<LabelInput> | null | undefined;
  /** Short descriptions, at most one per language. */
  descriptions: Array<LabelInput> | null | undefined;
  /** When it ceased to exist; not before start. */
  end: string | null | undefined;
  /** Stable, readable id (lower-case letters, digits and hyphens); unique across entities, relations and sources. */
  id: string;
  /** The id of one of the vocabulary's entity kinds. */
  kind: string;
  /** The preferred names, at most one per language; English is required. */
  labels: Array<LabelInput>;
  /** Where the facts come from. */
  sources: Array<CitationInput> | null | undefined;
  /** When it came into being. */
  start: string | null | undefined;
};

/** A text in one language. */
export type LabelInput = {
  /** A language tag such as "en" or "ar". */
  lang: string;
  /** The text. */
  text: string;
};

/** A relation, as a write takes it: the fields of the dataset format. */
export type RelationInput = {
  /** What happened, in a sentence, at most one per language. */
  descriptions: Array<LabelInput> | null | undefined;
  /** When it ended; not before start. */
  end: string | null | undefined;
  /** The id of the entity it goes from. */
  from: string;
  /** Stable, readable id; unique across entities, relations and sources. */
  id: string;
  /** Where it is stated: at least one citation. */
  sources: Array<CitationInput>;
  /** When it began. */
  start: string | null | undefined;
  /** The id of the entity it goes to. */
  to: string;
  /** The id of one of the vocabulary's relation types. */
  type: string;
};

export type SuccessorsOfTheSovietUnionQueryVariables = Exact<{ [key: string]: never; }>;


export type SuccessorsOfTheSovietUnionQuery = { entity: { neighbors: Array<{ id: string, name: string, name_ar: string }> } | null };

export type AgreementsCroatiaRecognizesQueryVariables = Exact<{ [key: string]: never; }>;


export type AgreementsCroatiaRecognizesQuery = { entity: { relations: { totalCount: number, nodes: Array<{ to: { id: string, name: string, start: string | null }, sources: Array<{ paragraph: number | null, sentence: number | null, document: { title: string } }> }> } } | null };

export type PathFromCroatiaToRussiaQueryVariables = Exact<{ [key: string]: never; }>;


export type PathFromCroatiaToRussiaQuery = { shortestPath: { length: number, entities: Array<{ id: string }>, relations: Array<{ type: string, fromId: string, toId: string, start: string | null, end: string | null }> } | null };

export type InForceIn1955QueryVariables = Exact<{ [key: string]: never; }>;


export type InForceIn1955Query = { relations: { totalCount: number, nodes: Array<{ id: string, type: string, start: string | null, end: string | null }> } };

export type WhoRecognizedTheUssrQueryVariables = Exact<{ [key: string]: never; }>;


export type WhoRecognizedTheUssrQuery = { relations: { nodes: Array<{ start: string | null, description: string | null, from: { name: string } }> } };

export type SearchInArabicQueryVariables = Exact<{ [key: string]: never; }>;


export type SearchInArabicQuery = { search: Array<{ id: string, name: string }> };

export type SearchInSerbianQueryVariables = Exact<{ [key: string]: never; }>;


export type SearchInSerbianQuery = { cyrillic: Array<{ id: string, name: string }>, latin: Array<{ id: string, name: string }> };

export type ChangesAroundTheUssrQueryVariables = Exact<{ [key: string]: never; }>;


export type ChangesAroundTheUssrQuery = { changesBetween: { added: Array<{ id: string, start: string | null, end: string | null }>, ended: Array<{ id: string, start: string | null, end: string | null }>, held: Array<{ id: string, start: string | null, end: string | null }> } };

export type LanguagesOfTheDataQueryVariables = Exact<{ [key: string]: never; }>;


export type LanguagesOfTheDataQuery = { languages: Array<string> };

export type NeighborhoodOfCroatiaQueryVariables = Exact<{ [key: string]: never; }>;


export type NeighborhoodOfCroatiaQuery = { neighborhood: { truncated: boolean, entities: Array<{ id: string }>, relations: Array<{ id: string, type: string }> } };

export type AnUnknownRelationTypeQueryVariables = Exact<{ [key: string]: never; }>;


export type AnUnknownRelationTypeQuery = { relations: { totalCount: number } };

export type RefetchAnyNodeQueryVariables = Exact<{ [key: string]: never; }>;


export type RefetchAnyNodeQuery = { nodes: Array<
    | { __typename: 'Entity', name: string, id: string }
    | { __typename: 'Relation', type: string, fromId: string, toId: string, id: string }
    | { __typename: 'SourceDocument', language: string, id: string }
   | null> };

export type WatchCroatiaSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type WatchCroatiaSubscription = { graphChanged: { deletedIds: Array<string>, change: { seq: number, action: string, elementCount: number }, entities: Array<{ id: string, version: number }> } };

export type AddADescriptionMutationVariables = Exact<{ [key: string]: never; }>;


export type AddADescriptionMutation = { addDescription: { node:
      | { version: number, description: string | null, id: string }
      | { id: string }
      | { id: string }
    , change: { seq: number, action: string, elementCount: number } | null } };

export type AddATreatyAndItsSignaturesMutationVariables = Exact<{ [key: string]: never; }>;


export type AddATreatyAndItsSignaturesMutation = { accord: { entity: { id: string, kind: string, version: number } }, kingdom: { relation: { id: string, version: number, from: { id: string } } }, soviets: { relation: { id: string, version: number, from: { id: string } } } };

export type EditorCitationFragment = { paragraph: number | null, sentence: number | null, document: { id: string, title: string } };

export type EditorRelationFragment = { id: string, type: string, fromId: string, toId: string, start: string | null, end: string | null, version: number, label: string, from: { id: string, name: string }, to: { id: string, name: string }, sources: Array<{ paragraph: number | null, sentence: number | null, document: { id: string, title: string } }> };

export type EditorSessionQueryVariables = Exact<{ [key: string]: never; }>;


export type EditorSessionQuery = { changes: { pageInfo: { hasNextPage: boolean } } };

export type EditableEntityQueryVariables = Exact<{
  id: string;
  lang: string;
}>;


export type EditableEntityQuery = { entity: { id: string, kind: string, version: number, name: string, start: string | null, end: string | null, updatedAt: string | null, updatedBy: string | null, labels: Array<{ lang: string, text: string }>, aliases: Array<{ lang: string, text: string }>, descriptions: Array<{ lang: string, text: string }>, sources: Array<{ paragraph: number | null, sentence: number | null, document: { id: string, title: string } }>, relations: { nodes: Array<{ id: string, type: string, fromId: string, toId: string, start: string | null, end: string | null, version: number, label: string, from: { id: string, name: string }, to: { id: string, name: string }, sources: Array<{ paragraph: number | null, sentence: number | null, document: { id: string, title: string } }> }> } } | null };

export type SetLabelMutationVariables = Exact<{
  id: string;
  version: number;
  label: LabelInput;
}>;


export type SetLabelMutation = { addLabel: { entity: { id: string, version: number }, change: { seq: number } | null } };

export type SetDescriptionMutationVariables = Exact<{
  id: string;
  version: number;
  description: LabelInput;
}>;


export type SetDescriptionMutation = { addDescription: { node:
      | { id: string }
      | { id: string }
      | { id: string }
    , change: { seq: number } | null } };

export type UpdateEntityMutationVariables = Exact<{
  version: number;
  entity: EntityInput;
}>;


export type UpdateEntityMutation = { updateEntity: { entity: { id: string, version: number }, change: { seq: number } | null } };

export type CreateRelationMutationVariables = Exact<{
  relation: RelationInput;
}>;


export type CreateRelationMutation = { createRelation: { relation: { id: string, version: number }, change: { seq: number } | null } };

export type DeleteRelationMutationVariables = Exact<{
  id: string;
  version: number;
}>;


export type DeleteRelationMutation = { deleteRelation: { deletedIds: Array<string>, change: { seq: number } } };

export type EntityHistoryQueryVariables = Exact<{
  id: string;
}>;


export type EntityHistoryQuery = { entity: { id: string, history: Array<{ seq: number, at: string, actor: string | null, action: string, elementCount: number, elements: Array<{ section: string, id: string, version: number }> }> } | null };

export type EntityAsOfQueryVariables = Exact<{
  id: string;
  asOf: string;
  lang: string;
}>;


export type EntityAsOfQuery = { entity: { id: string, version: number, name: string, description: string | null, start: string | null, end: string | null, labels: Array<{ lang: string, text: string }> } | null };

export type GraphChangedSubscriptionVariables = Exact<{ [key: string]: never; }>;


export type GraphChangedSubscription = { graphChanged: { deletedIds: Array<string>, change: { seq: number, action: string }, entities: Array<{ id: string, version: number }>, relations: Array<{ id: string, version: number, fromId: string, toId: string }> } };

export type EntityRefFragment = { id: string, kind: string, name: string };

export type RelationRefFragment = { id: string, type: string, fromId: string, toId: string, start: string | null, end: string | null, label: string };

export type CitationRefFragment = { paragraph: number | null, sentence: number | null, document: { id: string, title: string } };

export type VocabularyQueryVariables = Exact<{
  lang: string;
}>;


export type VocabularyQuery = { vocabulary: { entityKinds: Array<{ id: string, name: string }>, relationTypes: Array<{ id: string, name: string, symmetric: boolean }> } };

export type SearchQueryVariables = Exact<{
  text: string;
  lang: string;
}>;


export type SearchQuery = { search: Array<{ id: string, name: string, kindInfo: { name: string } }> };

export type NeighborhoodQueryVariables = Exact<{
  id: string;
  depth: number;
  lang: string;
  at: string | null | undefined;
}>;


export type NeighborhoodQuery = { neighborhood: { truncated: boolean, entities: Array<{ id: string, kind: string, name: string }>, relations: Array<{ id: string, type: string, fromId: string, toId: string, start: string | null, end: string | null, label: string }> } };

export type PathQueryVariables = Exact<{
  from: string;
  to: string;
  lang: string;
  at: string | null | undefined;
}>;


export type PathQuery = { shortestPath: { length: number, entities: Array<{ id: string, kind: string, name: string }>, relations: Array<{ id: string, type: string, fromId: string, toId: string, start: string | null, end: string | null, label: string }> } | null };

export type EntityQueryVariables = Exact<{
  id: string;
  lang: string;
  at: string | null | undefined;
}>;


export type EntityQuery = { entity: { id: string, kind: string, name: string, description: string | null, start: string | null, end: string | null, kindInfo: { name: string }, labels: Array<{ lang: string, text: string }>, aliases: Array<{ lang: string, text: string }>, sources: Array<{ paragraph: number | null, sentence: number | null, document: { id: string, title: string } }>, relations: { totalCount: number, nodes: Array<{ description: string | null, id: string, type: string, fromId: string, toId: string, start: string | null, end: string | null, label: string, typeInfo: { inverseName: string }, from: { id: string, name: string }, to: { id: string, name: string }, sources: Array<{ paragraph: number | null, sentence: number | null, document: { id: string, title: string } }> }> } } | null };

export type TimelineQueryVariables = Exact<{
  entity: string;
  lang: string;
}>;


export type TimelineQuery = { timeline: Array<{ id: string, type: string, label: string, start: string | null, end: string | null, from: { id: string, name: string }, to: { id: string, name: string } }> };

export type YearRangeQueryVariables = Exact<{ [key: string]: never; }>;


export type YearRangeQuery = { timeline: Array<{ start: string | null, end: string | null }> };

export type LanguagesQueryVariables = Exact<{ [key: string]: never; }>;


export type LanguagesQuery = { languages: Array<string> };

export type ChangedRelationFragment = { id: string, type: string, fromId: string, toId: string, start: string | null, end: string | null, label: string, from: { id: string, kind: string, name: string }, to: { id: string, kind: string, name: string } };

export type ChangesQueryVariables = Exact<{
  from: string;
  to: string;
  entity: string | null | undefined;
  depth: number;
  lang: string;
}>;


export type ChangesQuery = { changesBetween: { from: string, to: string, added: Array<{ id: string, type: string, fromId: string, toId: string, start: string | null, end: string | null, label: string, from: { id: string, kind: string, name: string }, to: { id: string, kind: string, name: string } }>, ended: Array<{ id: string, type: string, fromId: string, toId: string, start: string | null, end: string | null, label: string, from: { id: string, kind: string, name: string }, to: { id: string, kind: string, name: string } }>, held: Array<{ id: string, type: string, fromId: string, toId: string, start: string | null, end: string | null, label: string, from: { id: string, kind: string, name: string }, to: { id: string, kind: string, name: string } }> } };
