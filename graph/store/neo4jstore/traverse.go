package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// The traversals are package store's, fed one level of the graph per
// query by relationsOf: the same walk as the embedded store's, so the same
// answer, in depth+1 round trips at most (plus one to check the vocabulary
// when the query names types). All of it runs in one read transaction.

// adjacency serves store's traversals from Neo4j, inside tx.
func adjacency(tx neo4j.ManagedTransaction, f store.RelationFilter) store.Adjacency {
	return func(ctx context.Context, ids []string) (map[string][]*store.Relation, error) {
		return relationsOf(ctx, tx, ids, f)
	}
}

// Neighborhood implements store.Store.
func (s *Store) Neighborhood(ctx context.Context, q store.NeighborhoodQuery) (*store.Subgraph, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Subgraph, error) {
		if err := check(ctx, tx, len(q.Types) > 0, q.Check); err != nil {
			return nil, err
		}
		ids, rels, truncated, err := store.NeighborhoodIDs(ctx, q, adjacency(tx, q.Filter()))
		if err != nil {
			return nil, err
		}
		// An unknown root has no relations, so the walk ends at once; the
		// fetch below then finds no root. That saves a query up front.
		es, err := entities(ctx, tx, ids)
		if err != nil {
			return nil, err
		}
		if es[0] == nil {
			return nil, store.Errorf(store.ENOTFOUND, "no entity has the id %q", q.ID)
		}
		return &store.Subgraph{Entities: es, Relations: rels, Truncated: truncated}, nil
	})
}

// ShortestPath implements store.Store.
func (s *Store) ShortestPath(ctx context.Context, q store.PathQuery) (*store.Path, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Path, error) {
		if err := check(ctx, tx, len(q.Types) > 0, q.Check); err != nil {
			return nil, err
		}
		// Unlike the root of a neighborhood, an unknown To would only show
		// after walking MaxDepth levels: check both ends first.
		ends, err := entities(ctx, tx, []string{q.From, q.To})
		if err != nil {
			return nil, err
		}
		for i, id := range []string{q.From, q.To} {
			if ends[i] == nil {
				return nil, store.Errorf(store.ENOTFOUND, "no entity has the id %q", id)
			}
		}
		ids, rels, err := store.ShortestPathRelations(ctx, q, adjacency(tx, q.Filter()))
		if err != nil || ids == nil {
			return nil, err
		}
		es, err := entities(ctx, tx, ids)
		if err != nil {
			return nil, err
		}
		return &store.Path{Entities: es, Relations: rels}, nil
	})
}
