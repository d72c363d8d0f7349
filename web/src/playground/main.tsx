// The playground: GraphiQL, bundled from npm with everything it loads.
// Its Monaco editor runs its language services in web workers; the
// setup-workers import makes Vite bundle them as files of our own, so
// nothing is fetched from a CDN and the playground works offline.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './playground.css';
import { GraphiQL } from 'graphiql';
import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { StrictMode, type ComponentProps } from 'react';
import { createRoot } from 'react-dom/client';
import { endpoint, socketURL } from '../shared/graphql';
import { examples } from './examples';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];
type FetcherParams = Parameters<Fetcher>[0];

/** Whether the operation GraphiQL runs is a subscription. */
function isSubscription({ query, operationName }: FetcherParams): boolean {
  try {
    return getOperationAST(parse(query), operationName ?? undefined)?.operation === 'subscription';
  } catch {
    // A document that does not parse is the server's to refuse, with its error.
    return false;
  }
}

/**
 * Runs a subscription over its own graphql-ws connection, whose
 * connection_init payload carries the headers editor's headers: a browser
 * cannot set headers on a WebSocket, and the server reads the token
 * (Authorization: Bearer ...) from that payload instead. The connection
 * ends with the subscription, when GraphiQL stops it or the server ends it.
 */
async function* subscribe(params: FetcherParams, headers: Record<string, unknown>) {
  const client = createClient({ url: socketURL(), connectionParams: headers, lazy: true, retryAttempts: 0 });
  try {
    yield* client.iterate({
      query: params.query,
      variables: params.variables ?? undefined,
      operationName: params.operationName ?? undefined,
    });
  } finally {
    await client.dispose();
  }
}

/**
 * Sends each operation to the service's own endpoint: queries and
 * mutations as JSON over POST, subscriptions over graphql-ws. The headers
 * of GraphiQL's headers editor (an editor's Authorization: Bearer ...)
 * go with each; they stay in the page, never in the URL or storage.
 */
const fetcher: Fetcher = async (params, options) => {
  const headers = (options?.headers ?? {}) as Record<string, string>;
  if (isSubscription(params)) return subscribe(params, headers);
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers },
    body: JSON.stringify(params),
  });
  return response.json();
};

function Playground() {
  return (
    <GraphiQL fetcher={fetcher} defaultTabs={examples} defaultEditorToolsVisibility forcedTheme="light">
      <GraphiQL.Logo>
        <a className="playground-home" href="/" title="Back to the explorer">
          Knowledge graph
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  );
}

createRoot(document.getElementById('playground')!).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
);
