// Apollo Client: InMemoryCache normalizes entities and relations by
// __typename and id with no type policy written for them; the entities
// connection pages with relayStylePagination.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ApolloClient, InMemoryCache, HttpLink, gql } from '@apollo/client/core/index.js';
import { relayStylePagination } from '@apollo/client/utilities/index.js';
import { url, countingFetch, rename } from './server.mjs';

const ENTITIES = gql`
  query ApolloEntities($after: String) {
    entities(first: 5, after: $after) {
      edges { cursor node { id name } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const ENTITY = gql`
  query ApolloEntity($id: ID!) {
    entity(id: $id) {
      id name
      relations(first: 3) { edges { node { id type from { id name } to { id name } } } }
    }
  }
`;

const NODE = gql`
  query ApolloNode($id: ID!) {
    node(id: $id) { id ... on Entity { name } }
  }
`;

test('Apollo Client normalizes, pages, caches and refetches through node', async () => {
  const fetchFn = countingFetch();
  const client = new ApolloClient({
    link: new HttpLink({ uri: url, fetch: fetchFn }),
    cache: new InMemoryCache({
      typePolicies: { Query: { fields: { entities: relayStylePagination() } } },
    }),
  });

  // Two pages, merged into one list by relayStylePagination.
  const page1 = await client.query({ query: ENTITIES });
  const watched = client.watchQuery({ query: ENTITIES });
  assert.equal(page1.data.entities.edges.length, 5);
  await watched.fetchMore({ variables: { after: page1.data.entities.pageInfo.endCursor } });
  const merged = client.readQuery({ query: ENTITIES });
  assert.equal(merged.entities.edges.length, 10);
  assert.equal(new Set(merged.entities.edges.map((e) => e.node.id)).size, 10);
  assert.ok(merged.entities.pageInfo.hasNextPage);
  assert.equal(fetchFn.requests, 2);

  // An entity with its relations: both are normalized by __typename and id.
  const one = await client.query({ query: ENTITY, variables: { id: 'bosnia-and-herzegovina' } });
  assert.equal(one.data.entity.name, 'Bosnia and Herzegovina');
  const cache = client.cache.extract();
  assert.ok(cache['Entity:bosnia-and-herzegovina'], 'the entity is normalized');
  for (const edge of one.data.entity.relations.edges) {
    assert.ok(cache[`Relation:${edge.node.id}`], `relation ${edge.node.id} is normalized`);
  }
  assert.equal(fetchFn.requests, 3);

  // The same query again is answered from the cache.
  const again = await client.query({ query: ENTITY, variables: { id: 'bosnia-and-herzegovina' } });
  assert.deepEqual(again.data, one.data);
  assert.equal(fetchFn.requests, 3, 'the repeated query went to the network');

  // The graph changes; a refetch by node id updates the entity everywhere
  // it appears: in the paged list and in the entity query.
  await rename('bosnia-and-herzegovina', 'Bosnia and Herzegovina (as Apollo refetched it)');
  const refetched = await client.query({ query: NODE, variables: { id: 'bosnia-and-herzegovina' }, fetchPolicy: 'network-only' });
  assert.equal(refetched.data.node.name, 'Bosnia and Herzegovina (as Apollo refetched it)');
  assert.equal(fetchFn.requests, 4);
  const list = client.readQuery({ query: ENTITIES });
  assert.equal(list.entities.edges.find((e) => e.node.id === 'bosnia-and-herzegovina').node.name, 'Bosnia and Herzegovina (as Apollo refetched it)');
  const entity = client.readQuery({ query: ENTITY, variables: { id: 'bosnia-and-herzegovina' } });
  assert.equal(entity.entity.name, 'Bosnia and Herzegovina (as Apollo refetched it)');
  client.stop();
});

const DEFERRED = gql`
  query ApolloDeferred($id: ID!) {
    entity(id: $id) {
      id name
      ... @defer { neighborhood(depth: 2) { entities { id } relations { id } } }
    }
  }
`;

test('Apollo Client receives a deferred neighbourhood after its entity', async () => {
  const client = new ApolloClient({ link: new HttpLink({ uri: url }), cache: new InMemoryCache() });
  const results = [];
  await new Promise((resolve, reject) => {
    const sub = client.watchQuery({ query: DEFERRED, variables: { id: 'serbia' } }).subscribe({
      next(r) {
        results.push(r.data);
        if (r.data?.entity?.neighborhood) {
          sub.unsubscribe();
          resolve();
        }
      },
      error: reject,
    });
  });
  assert.ok(results.length >= 2, `${results.length} results, want the entity first and the neighbourhood after`);
  assert.equal(results[0].entity.name, 'Serbia');
  // Not there yet: gqlgen's first part holds the deferred field as null.
  assert.equal(results[0].entity.neighborhood ?? null, null);
  const last = results.at(-1).entity.neighborhood;
  assert.ok(last.entities.length > 1 && last.relations.length > 0, JSON.stringify(last));
  client.stop();
});
