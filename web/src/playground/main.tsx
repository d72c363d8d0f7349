// The playground: GraphiQL, bundled from npm with everything it loads.
// Its Monaco editor runs its language services in web workers; the
// setup-workers import makes Vite bundle them as files of our own, so
// nothing is fetched from a CDN and the playground works offline.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './playground.css';
import { GraphiQL } from 'graphiql';
import { StrictMode, type ComponentProps } from 'react';
import { createRoot } from 'react-dom/client';
import { endpoint } from '../shared/graphql';
import { examples } from './examples';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

/** Sends each operation to the service's own endpoint, as JSON over POST. */
const fetcher: Fetcher = async (params, options) => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...options?.headers },
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
