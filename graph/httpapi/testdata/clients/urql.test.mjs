// urql with Graphcache: normalized by __typename and id with no keys
// written, a repeated query answered from the cache, a refetch through node
// seen by every query that holds the entity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, fetchExchange, gql } from '@urql/core';
import { cacheExchange } from '@urql/exchange-graphcache';
import { url, countingFetch, rename } from './server.mjs';

const ENTITY = gql`
  query UrqlEntity($id: ID!) {
    entity(id: $id) {
      id name
      neighbors { id name }
    }
  }
`;

const LIST = gql`
  query UrqlList {
    entities(first: 24) { edges { cursor node { id name } } }
  }
`;

const NODE = gql`
  query UrqlNode($id: ID!) {
    node(id: $id) { __typename id ... on Entity { name } }
  }
`;

test('urql with Graphcache caches and refetches through node', async () => {
  const fetchFn = countingFetch();
  const client = new Client({
    url,
    fetch: fetchFn,
    exchanges: [cacheExchange({ possibleTypes: { Node: ['Entity', 'Relation', 'SourceDocument'] } }), fetchExchange],
  });

  const first = await client.query(ENTITY, { id: 'slovenia' }).toPromise();
  assert.equal(first.error, undefined);
  assert.equal(first.data.entity.name, 'Slovenia');
  assert.ok(first.data.entity.neighbors.length > 0);
  const list = await client.query(LIST, {}).toPromise();
  assert.ok(list.data.entities.edges.some((e) => e.node.id === 'slovenia'));
  assert.equal(fetchFn.requests, 2);

  // The same query again is answered from the cache.
  const again = await client.query(ENTITY, { id: 'slovenia' }).toPromise();
  assert.deepEqual(again.data, first.data);
  assert.equal(fetchFn.requests, 2, 'the repeated query went to the network');

  // The graph changes; a refetch by node id updates both queries.
  await rename('slovenia', 'Slovenia (as urql refetched it)');
  const refetched = await client.query(NODE, { id: 'slovenia' }, { requestPolicy: 'network-only' }).toPromise();
  assert.equal(refetched.data.node.__typename, 'Entity');
  assert.equal(refetched.data.node.name, 'Slovenia (as urql refetched it)');
  assert.equal(fetchFn.requests, 3);
  const entity = await client.query(ENTITY, { id: 'slovenia' }, { requestPolicy: 'cache-only' }).toPromise();
  assert.equal(entity.data.entity.name, 'Slovenia (as urql refetched it)');
  const listed = await client.query(LIST, {}, { requestPolicy: 'cache-only' }).toPromise();
  assert.equal(listed.data.entities.edges.find((e) => e.node.id === 'slovenia').node.name, 'Slovenia (as urql refetched it)');
  assert.equal(fetchFn.requests, 3);
});
