// What every client test needs of the server TestClientLibraries started:
// its GraphQL URL, a fetch that counts the requests the client library
// makes, and a way to change the graph between two reads.
import assert from 'node:assert/strict';

const base = process.env.KGRAPH_URL;
assert.ok(base, 'KGRAPH_URL is not set: run these tests through `go test ./graph/httpapi -run TestClientLibraries`');

/** The GraphQL endpoint. */
export const url = `${base}/graphql`;

/** A fetch that counts the requests made through it. */
export function countingFetch() {
  const counted = (input, init) => {
    counted.requests++;
    return fetch(input, init);
  };
  counted.requests = 0;
  return counted;
}

/**
 * Renames an entity in the server's graph (a test-only route of the Go
 * test, which applies the change to the store as an import would).
 */
export async function rename(id, name) {
  const res = await fetch(`${base}/test/rename`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ id, name }),
  });
  assert.equal(res.status, 204, await res.text());
}
