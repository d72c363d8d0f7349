// The GraphQL documents the explorer sends. Each takes the display
// language as $lang, so that names and labels come back in it (with the
// API's fallback to English).
import { gql } from '../shared/graphql';
import type { EntityDetail, Hit, Lang, Path, Subgraph, TimelineEntry, Vocabulary } from './types';

const entityRef = 'id kind name(lang: $lang)';
const relationRef = 'id type fromId toId start end label(lang: $lang)';
const citation = 'document { id title } paragraph sentence';

export async function fetchVocabulary(lang: Lang): Promise<Vocabulary> {
  const data = await gql<{ vocabulary: Vocabulary }>(
    `query Vocabulary($lang: String!) {
      vocabulary {
        entityKinds { id name(lang: $lang) }
        relationTypes { id name(lang: $lang) symmetric }
      }
    }`,
    { lang },
  );
  return data.vocabulary;
}

export async function search(text: string, lang: Lang): Promise<Hit[]> {
  const data = await gql<{ search: { id: string; name: string; kindInfo: { name: string } }[] }>(
    `query Search($text: String!, $lang: String!) {
      search(text: $text, lang: $lang, first: 8) { id name(lang: $lang) kindInfo { name(lang: $lang) } }
    }`,
    { text, lang },
  );
  return data.search.map((e) => ({ id: e.id, name: e.name, kindName: e.kindInfo.name }));
}

/**
 * The one-hop neighbourhoods of several entities, in one request (one
 * aliased field per entity): the explorer draws their union.
 */
export async function fetchNeighborhoods(ids: string[], lang: Lang, at: string | null): Promise<Subgraph[]> {
  if (ids.length === 0) return [];
  const params = ids.map((_, i) => `$id${i}: ID!`).join(', ');
  const fields = ids
    .map((_, i) => `n${i}: neighborhood(id: $id${i}, depth: 1, at: $at) { ...Part }`)
    .join('\n');
  const variables: Record<string, unknown> = { lang, at };
  ids.forEach((id, i) => (variables[`id${i}`] = id));
  const data = await gql<Record<string, Subgraph>>(
    `query Neighborhoods($lang: String!, $at: PartialDate, ${params}) {
      ${fields}
    }
    fragment Part on Subgraph {
      entities { ${entityRef} }
      relations { ${relationRef} }
      truncated
    }`,
    variables,
  );
  return ids.map((_, i) => data[`n${i}`]);
}

export async function fetchPath(from: string, to: string, lang: Lang, at: string | null): Promise<Path | null> {
  const data = await gql<{ shortestPath: Path | null }>(
    `query Path($from: ID!, $to: ID!, $lang: String!, $at: PartialDate) {
      shortestPath(from: $from, to: $to, at: $at) {
        length
        entities { ${entityRef} }
        relations { ${relationRef} }
      }
    }`,
    { from, to, lang, at },
  );
  return data.shortestPath;
}

interface RawDetail extends Omit<EntityDetail, 'kindName' | 'relations'> {
  kindInfo: { name: string };
  relations: {
    totalCount: number;
    nodes: (Omit<EntityDetail['relations']['nodes'][number], 'inverseLabel'> & {
      typeInfo: { inverseName: string };
    })[];
  };
}

/** The entity, for the side panel; null when there is none with this id. */
export async function fetchEntity(id: string, lang: Lang, at: string | null): Promise<EntityDetail | null> {
  const data = await gql<{ entity: RawDetail | null }>(
    `query Entity($id: ID!, $lang: String!, $at: PartialDate) {
      entity(id: $id) {
        id kind kindInfo { name(lang: $lang) } name(lang: $lang)
        labels { lang text } aliases { lang text }
        description(lang: $lang) start end
        sources { ${citation} }
        relations(at: $at, first: 500) {
          totalCount
          nodes {
            ${relationRef}
            typeInfo { inverseName(lang: $lang) }
            description(lang: $lang)
            from { id name(lang: $lang) }
            to { id name(lang: $lang) }
            sources { ${citation} }
          }
        }
      }
    }`,
    { id, lang, at },
  );
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
  const data = await gql<{ timeline: TimelineEntry[] }>(
    `query Timeline($entity: ID!, $lang: String!) {
      timeline(entity: $entity) {
        id type label(lang: $lang) start end
        from { id name(lang: $lang) }
        to { id name(lang: $lang) }
      }
    }`,
    { entity, lang },
  );
  return data.timeline;
}

/** The first and last years any relation is dated with: the year slider's range. */
export async function fetchYearRange(): Promise<[number, number] | null> {
  const data = await gql<{ timeline: { start: string | null; end: string | null }[] }>(
    `query YearRange { timeline { start end } }`,
  );
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
