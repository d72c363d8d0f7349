// A minimal GraphQL client for the service's own endpoint. The explorer
// uses nothing but the public API at /graphql, as any other client would.

/** The endpoint, on the server that served the page. */
export const endpoint = '/graphql';

/** The endpoint as a WebSocket address (graphql-ws) on the server that served the page. */
export function socketURL(): string {
  const url = new URL(endpoint, location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

/** One error of a GraphQL response. */
export interface GraphQLErrorEntry {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [name: string]: unknown };
}

/** A failed request: a GraphQL error, an HTTP error or no answer at all. */
export class GraphQLRequestError extends Error {
  constructor(
    message: string,
    /** The error code (INVALID, NOT_FOUND, UNAVAILABLE, ...), when the server gave one. */
    readonly code?: string,
    /** The error's extensions (a conflict's currentVersion, ...) and its path, as the server sent them. */
    readonly extensions: Record<string, unknown> = {},
    readonly path: (string | number)[] = [],
  ) {
    super(message);
    this.name = 'GraphQLRequestError';
  }
}

/**
 * The bearer token sent with every request, or null for anonymous reads.
 * The explorer's sign-in sets it (and keeps it in sessionStorage only).
 */
let bearer: string | null = null;

/** Sets (or, with null, clears) the token sent with every request. */
export function setBearerToken(token: string | null): void {
  bearer = token;
}

let inFlight = 0;

/**
 * Marks the page busy while requests are under way: `<body data-busy>`
 * counts them, so that a test (or a style) can tell when the page has
 * settled.
 */
function track(delta: number): void {
  inFlight += delta;
  document.body.dataset.busy = String(inFlight);
}

/** Runs a query and returns its data, or throws GraphQLRequestError. */
export async function gql<T>(query: string, variables: object = {}, operationName?: string): Promise<T> {
  track(+1);
  try {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
        },
        body: JSON.stringify({ query, variables, operationName }),
      });
    } catch {
      throw new GraphQLRequestError('The server could not be reached.', 'UNAVAILABLE');
    }
    let body: { data?: T; errors?: GraphQLErrorEntry[] };
    try {
      body = await response.json();
    } catch {
      throw new GraphQLRequestError(`The server answered ${response.status} without a GraphQL response.`);
    }
    if (body.errors?.length) {
      const first = body.errors[0];
      throw new GraphQLRequestError(first.message, first.extensions?.code, first.extensions ?? {}, first.path ?? []);
    }
    if (!response.ok || body.data === undefined) {
      throw new GraphQLRequestError(`The server answered ${response.status}.`);
    }
    return body.data;
  } finally {
    track(-1);
  }
}

/** Busy work outside requests (a layout) counts like a request. */
export async function busy<T>(work: () => Promise<T>): Promise<T> {
  track(+1);
  try {
    return await work();
  } finally {
    track(-1);
  }
}
