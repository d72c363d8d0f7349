// The operations of the Relay test, compiled by relay-compiler into
// __generated__ (npm test compiles them first). This file is read by the
// compiler only: without Relay's Babel plugin the graphql tag does not run.
import { graphql } from 'relay-runtime';

export const list = graphql`
  query relayQueriesListQuery {
    entities(first: 10) {
      edges { cursor node { id name } }
      pageInfo { hasNextPage endCursor }
    }
    entity(id: "croatia") { id name kind }
  }
`;

export const refetch = graphql`
  query relayQueriesRefetchQuery($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Entity { name }
      ... on Relation { type fromId }
      ... on SourceDocument { title }
    }
  }
`;
