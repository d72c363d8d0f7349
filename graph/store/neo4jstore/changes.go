package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// ChangesBetween implements store.Store. Around an entity it walks the
// neighbourhood with the traversal Neighborhood uses (one query per
// level); over the whole graph it is one query, which fetches at most one
// relation more than the limit: enough to refuse, never a silent cut.
func (s *Store) ChangesBetween(ctx context.Context, q store.ChangesQuery) (*store.Comparison, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Comparison, error) {
		if err := check(ctx, tx, len(q.Types) > 0, q.Check); err != nil {
			return nil, err
		}
		if q.Entity != "" {
			root, err := entities(ctx, tx, []string{q.Entity})
			if err != nil {
				return nil, err
			}
			if root[0] == nil {
				return nil, store.Errorf(store.ENOTFOUND, "no entity has the id %q", q.Entity)
			}
			return store.ChangesAround(ctx, q, adjacency(tx, q.Filter()))
		}
		rels, err := inForceAtEither(ctx, tx, q)
		if err != nil {
			return nil, err
		}
		return store.Compare(q, rels)
	})
}

// inForceAtEither returns the relations q.Matches, at most one more than
// store.MaxComparisonRelations.
func inForceAtEither(ctx context.Context, tx neo4j.ManagedTransaction, q store.ChangesQuery) ([]*store.Relation, error) {
	types, err := typeFilter(q.Types)
	if err != nil {
		return nil, err
	}
	// inForce twice: at From with $from*, at To with $to*.
	atFrom := strings.ReplaceAll(inForce, "$at", "$from")
	atTo := strings.ReplaceAll(inForce, "$at", "$to")
	cypher := fmt.Sprintf(`
MATCH ()-[r%s]->() WHERE (%s) OR (%s)
WITH r LIMIT $limit
RETURN collect(r.json) AS relations`, types, atFrom, atTo)
	rec, err := single(ctx, tx, cypher, map[string]any{
		"fromFirst": int64(q.From.First()), "fromLast": int64(q.From.Last()),
		"toFirst": int64(q.To.First()), "toLast": int64(q.To.Last()),
		"limit": int64(store.MaxComparisonRelations + 1),
	})
	if err != nil {
		return nil, err
	}
	rels, err := decodeJSONList[store.Relation](rec, "relations")
	if err != nil {
		return nil, err
	}
	return pointers(rels), nil
}

// Languages implements store.Store in one query.
func (s *Store) Languages(ctx context.Context) ([]string, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]string, error) {
		rec, err := single(ctx, tx, "MATCH (n:Entity) RETURN collect(n.json) AS entities", nil)
		if err != nil {
			return nil, err
		}
		es, err := decodeJSONList[store.Entity](rec, "entities")
		if err != nil {
			return nil, err
		}
		return store.Languages(pointers(es)), nil
	})
}
