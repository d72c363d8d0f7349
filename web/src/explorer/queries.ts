// The explorer's requests: each runs one operation of operations.graphql
// (the whole document is sent, with the operation's name), typed by the
// code GraphQL Code Generator writes from it and the schema.
import { gql } from '../shared/graphql';
import type * as Op from './generated/operations';
import operations from './operations.graphql?raw';
import type { Comparison, EntityDetail, Hit, Lang, Path, Subgraph, TimelineEntry, Vocabulary } from './types';

/** Runs the named operation of operations.graphql. */
function run<Q, V extends object>(name: string, variables: V): Promise<Q> {
  return gql<Q>(operations, variables, name);
}

export async function fetchVocabulary(lang: Lang): Promise<Vocabulary> {
  const data = await run<Op.VocabularyQuery, Op.VocabularyQueryVariables>('Vocabulary', { lang });
  return data.vocabulary;
}

export async function search(text: string, lang: Lang): Promise<Hit[]> {
  const data = await run<Op.SearchQuery, Op.SearchQueryVariables>('Search', { text, lang });
  return data.search.map((e) => ({ id: e.id, name: e.name, kindName: e.kindInfo.name }));
}

/** The neighbourhoods of several entities, depth hops deep: the explorer draws their union. */
export async function fetchNeighborhoods(ids: string[], depth: number, lang: Lang, at: string | null): Promise<Subgraph[]> {
  return Promise.all(
    ids.map(async (id) => {
      const data = await run<Op.NeighborhoodQuery, Op.NeighborhoodQueryVariables>('Neighborhood', { id, depth, lang, at });
      return data.neighborhood;
    }),
  );
}

export async function fetchPath(from: string, to: string, lang: Lang, at: string | null): Promise<Path | null> {
  const data = await run<Op.PathQuery, Op.PathQueryVariables>('Path', { from, to, lang, at });
  return data.shortestPath;
}

/** The entity, for the side panel; null when there is none with this id. */
export async function fetchEntity(id: string, lang: Lang, at: string | null): Promise<EntityDetail | null> {
  const data = await run<Op.EntityQuery, Op.EntityQueryVariables>('Entity', { id, lang, at });
  const e = data.entity;
  if (!e) return null;
  const { kindInfo, relations, ...rest } = e;
  return {
    ...rest,
    kindName: kindInfo.name,
    relations: {
      totalCount: relations.totalCount,
      nodes: relations.nodes.map(({ typeInfo, ...r }) => ({ ...r, inverseLabel: typeInfo.inverseName })),
    },
  };
}

export async function fetchTimeline(entity: string, lang: Lang): Promise<TimelineEntry[]> {
  const data = await run<Op.TimelineQuery, Op.TimelineQueryVariables>('Timeline', { entity, lang });
  return data.timeline;
}

/** The first and last years any relation is dated with: the year slider's range. */
export async function fetchYearRange(): Promise<[number, number] | null> {
  const data = await run<Op.YearRangeQuery, Op.YearRangeQueryVariables>('YearRange', {});
  const years = data.timeline
    .flatMap((r) => [r.start, r.end])
    .filter((d): d is string => d !== null)
    .map((d) => Number(d.slice(0, 4)));
  if (years.length === 0) return null;
  // A loop rather than Math.min(...years), which overflows the stack on a big graph.
  let min = years[0];
  let max = years[0];
  for (const y of years) {
    if (y < min) min = y;
    if (y > max) max = y;
  }
  return [min, max];
}

/** The languages the data has labels in: the language switch offers them all. */
export async function fetchLanguages(): Promise<string[]> {
  const data = await run<Op.LanguagesQuery, Op.LanguagesQueryVariables>('Languages', {});
  return data.languages;
}

/** What changed between two years around an entity (or in the whole graph). */
export async function fetchChanges(from: string, to: string, entity: string | null, depth: number, lang: Lang): Promise<Comparison> {
  const data = await run<Op.ChangesQuery, Op.ChangesQueryVariables>('Changes', { from, to, entity, depth, lang });
  return data.changesBetween;
}
