// Relay's runtime: an Environment with a network layer over fetch, the
// compiled operations of relay/relayQueries.js, and a refetch through node.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Environment, Network, RecordSource, Store, fetchQuery, createOperationDescriptor } from 'relay-runtime';
import ListQuery from './relay/__generated__/relayQueriesListQuery.graphql.js';
import RefetchQuery from './relay/__generated__/relayQueriesRefetchQuery.graphql.js';
import { url, countingFetch, rename } from './server.mjs';

function environment(fetchFn) {
  const network = Network.create(async (params, variables) => {
    const res = await fetchFn(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ query: params.text, variables }),
    });
    return res.json();
  });
  return new Environment({ network, store: new Store(new RecordSource()) });
}

const read = (env, query, variables) => env.lookup(createOperationDescriptor(query, variables).fragment).data;

test('Relay reads, serves a repeated query from its store and refetches through node', async () => {
  const fetchFn = countingFetch();
  const env = environment(fetchFn);

  const first = await fetchQuery(env, ListQuery, {}).toPromise();
  assert.equal(first.entity.name, 'Croatia');
  assert.equal(first.entities.edges.length, 10);
  assert.ok(first.entities.pageInfo.hasNextPage);
  assert.ok(first.entities.edges.some((e) => e.node.id === 'croatia'), 'croatia is on the first page');
  assert.equal(fetchFn.requests, 1);

  // Retained, so the store keeps it; asked again, it comes from the store.
  const retained = env.retain(createOperationDescriptor(ListQuery, {}));
  const again = await fetchQuery(env, ListQuery, {}, { fetchPolicy: 'store-or-network' }).toPromise();
  assert.deepEqual(again, first);
  assert.equal(fetchFn.requests, 1, 'the repeated query went to the network');

  // Every node type comes back through node(id:).
  for (const [id, typename, check] of [
    ['sfry-signed-belgrade-declaration', 'Relation', (n) => n.type === 'SIGNED'],
    ['ar-wiki-soviet-yugoslav-relations', 'SourceDocument', (n) => n.title.length > 0],
  ]) {
    const { node } = await fetchQuery(env, RefetchQuery, { id }).toPromise();
    assert.equal(node.__typename, typename);
    assert.equal(node.id, id);
    assert.ok(check(node), JSON.stringify(node));
  }

  // The graph changes; a refetch of Croatia by node id updates the one
  // record, so the list and the entity field both show the new name.
  await rename('croatia', 'Croatia (as Relay refetched it)');
  const { node } = await fetchQuery(env, RefetchQuery, { id: 'croatia' }).toPromise();
  assert.equal(node.name, 'Croatia (as Relay refetched it)');
  const now = read(env, ListQuery, {});
  assert.equal(now.entity.name, 'Croatia (as Relay refetched it)');
  assert.equal(now.entities.edges.find((e) => e.node.id === 'croatia').node.name, 'Croatia (as Relay refetched it)');
  assert.equal(fetchFn.requests, 4);
  retained.dispose();
});
