package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// Entities implements store.Store, in one query for all the ids.
func (s *Store) Entities(ctx context.Context, ids []string) ([]*store.Entity, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]*store.Entity, error) {
		return entities(ctx, tx, ids)
	})
}

// SourceDocuments implements store.Store, in one query for all the ids.
func (s *Store) SourceDocuments(ctx context.Context, ids []string) ([]*store.SourceDocument, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]*store.SourceDocument, error) {
		return byIDs(ctx, tx, "SourceDocument", ids, decodeSource)
	})
}

func entities(ctx context.Context, tx neo4j.ManagedTransaction, ids []string) ([]*store.Entity, error) {
	return byIDs(ctx, tx, "Entity", ids, decodeEntity)
}

// byIDs fetches the nodes with the given label and ids and returns them
// decoded, in the order of ids, nil where an id is unknown. label is one
// of the package's constants, never input.
func byIDs[T any](ctx context.Context, tx neo4j.ManagedTransaction, label string, ids []string, decode func(map[string]any) (T, error)) ([]*T, error) {
	out := make([]*T, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	cypher := fmt.Sprintf("MATCH (n:%s) WHERE n.id IN $ids RETURN collect(%s) AS nodes", label, entityMap("n"))
	rec, err := single(ctx, tx, cypher, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	nodes, err := value[[]any](rec, "nodes")
	if err != nil {
		return nil, err
	}
	decoded, err := decodeMaps(nodes, "nodes", decode)
	if err != nil {
		return nil, err
	}
	found := make(map[string]*T, len(nodes))
	for i, n := range nodes {
		id, _ := n.(map[string]any)[keyID].(string)
		found[id] = &decoded[i]
	}
	for i, id := range ids {
		out[i] = found[id]
	}
	return out, nil
}

// ListEntities implements store.Store: the count and the page in one query.
func (s *Store) ListEntities(ctx context.Context, q store.EntityQuery) (*store.EntityPage, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.EntityPage, error) {
		if err := check(ctx, tx, q.Kind != "", q.Check); err != nil {
			return nil, err
		}
		after, err := afterID(q.After)
		if err != nil {
			return nil, err
		}
		// Without a kind, count(n) comes from Neo4j's count store.
		match := "MATCH (n:Entity)"
		if q.Kind != "" {
			match = "MATCH (n:Entity {kind: $kind})"
		}
		cypher := fmt.Sprintf(`
CALL { %[1]s RETURN count(n) AS total }
CALL { %[1]s WHERE n.id > $after WITH n ORDER BY n.id LIMIT $limit RETURN collect(%[2]s) AS page }
RETURN total, page`, match, entityMap("n"))
		rec, err := single(ctx, tx, cypher, map[string]any{"kind": q.Kind, "after": after, "limit": q.First + 1})
		if err != nil {
			return nil, err
		}
		total, err := intValue(rec, "total")
		if err != nil {
			return nil, err
		}
		page, err := decodeList(rec, "page", decodeEntity)
		if err != nil {
			return nil, err
		}
		more := len(page) > q.First
		if more {
			page = page[:q.First]
		}
		return &store.EntityPage{Entities: pointers(page), TotalCount: total, HasNextPage: more}, nil
	})
}

// afterID returns the id a checked cursor points after, or "" (before every id).
func afterID(cursor string) (string, error) {
	if cursor == "" {
		return "", nil
	}
	return store.DecodeCursor(cursor)
}
