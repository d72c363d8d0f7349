// Live updates: the explorer subscribes to graphChanged over a WebSocket
// (the graphql-ws protocol) and hears of every committed write, by
// whomever and through whichever replica. When the socket drops it
// reconnects with growing, randomised waits, and says so ("reconnecting");
// once it is back, whatever changed meanwhile is caught up by reading the
// view again, since announcements made while it was away are not replayed.
import { createClient } from 'graphql-ws';
import { socketURL } from '../shared/graphql';
import { editorDocument, type GraphChange } from './editorqueries';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

export interface LiveHandlers {
  /** A change was committed. */
  onChange: (change: GraphChange) => void;
  /** The connection is back after a drop: changes may have been missed. */
  onResync: () => void;
  /** The connection's state changed. */
  onState: (state: LiveState) => void;
}

/** The longest wait between two attempts to reconnect. */
const MAX_RETRY_MS = 10_000;

/** Waits before reconnect attempt n (from 0): 0.3 s, 0.6 s, 1.2 s, ... up to 10 s, each randomised by up to a half. */
function backoff(n: number): Promise<void> {
  const ms = Math.min(MAX_RETRY_MS, 300 * 2 ** n) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Subscribes to graphChanged for good; the page keeps it for its lifetime. */
export function followChanges(h: LiveHandlers): void {
  let everConnected = false;
  const client = createClient({
    url: socketURL(),
    lazy: false,
    keepAlive: 15_000,
    retryAttempts: Infinity,
    // Every drop is worth another attempt: a restarting server closes the
    // socket with codes graphql-ws would otherwise treat as final.
    shouldRetry: () => true,
    retryWait: backoff,
    on: {
      connecting: () => h.onState(everConnected ? 'reconnecting' : 'connecting'),
      connected: () => {
        h.onState('live');
        if (everConnected) h.onResync();
        everConnected = true;
      },
      closed: () => {
        if (everConnected) h.onState('reconnecting');
      },
    },
  });
  let attempt = 0;
  const subscribe = () => {
    client.subscribe<{ graphChanged: GraphChange }>(
      { query: editorDocument, operationName: 'GraphChanged' },
      {
        next: (result) => {
          attempt = 0;
          if (result.data) h.onChange(result.data.graphChanged);
        },
        // The server refused or ended the subscription itself (the socket
        // stays up): ask again, after a wait.
        error: () => {
          h.onState('reconnecting');
          void backoff(attempt++).then(subscribe);
        },
        complete: () => void backoff(attempt++).then(subscribe),
      },
    );
  };
  subscribe();
}
