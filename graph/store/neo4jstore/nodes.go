package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// relationsByIDQuery finds relationships by id across every type, in one
// scan: a node lookup does not know its id's type.
const relationsByIDQuery = "MATCH ()-[r]->() WHERE r.id IN $ids RETURN r.id AS id, r.json AS json"

// Relations implements store.Store, in one query for all the ids.
func (s *Store) Relations(ctx context.Context, ids []string) ([]*store.Relation, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]*store.Relation, error) {
		out := make([]*store.Relation, len(ids))
		if len(ids) == 0 {
			return out, nil
		}
		recs, err := collect(ctx, tx, relationsByIDQuery, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		found := make(map[string]*store.Relation, len(recs))
		for _, rec := range recs {
			id, err := value[string](rec, "id")
			if err != nil {
				return nil, err
			}
			if found[id], err = decodeJSON[store.Relation](rec, "json"); err != nil {
				return nil, err
			}
		}
		for i, id := range ids {
			out[i] = found[id]
		}
		return out, nil
	})
}

// nodeSectionsQuery says which of the ids the graph already uses, and for
// what: the input of the rule that node ids are unique across sections.
const nodeSectionsQuery = `
CALL { MATCH (d:SourceDocument) WHERE d.id IN $ids RETURN collect(d.id) AS sources }
CALL { MATCH (n:Entity) WHERE n.id IN $ids RETURN collect(n.id) AS entities }
CALL { WITH $ids AS ids WHERE size(ids) > 0
       MATCH ()-[r]->() WHERE r.id IN ids RETURN collect(r.id) AS found }
RETURN sources, entities, coalesce(found, []) AS relations`

// nodeHolders returns Known.Holder for the node ids d gives, read in one
// query within tx.
func nodeHolders(ctx context.Context, tx neo4j.ManagedTransaction, d *store.Dataset) (func(id, section string) string, error) {
	ids := make([]string, 0, len(d.Sources)+len(d.Entities)+len(d.Relations))
	for _, x := range d.Sources {
		ids = append(ids, x.ID)
	}
	for _, x := range d.Entities {
		ids = append(ids, x.ID)
	}
	for _, x := range d.Relations {
		ids = append(ids, x.ID)
	}
	rec, err := single(ctx, tx, nodeSectionsQuery, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	sections := []string{store.SectionSources, store.SectionEntities, store.SectionRelations}
	held := map[string]map[string]bool{}
	for _, key := range sections {
		found, err := value[[]any](rec, key)
		if err != nil {
			return nil, err
		}
		held[key] = map[string]bool{}
		for _, id := range found {
			if s, ok := id.(string); ok {
				held[key][s] = true
			}
		}
	}
	return func(id, section string) string {
		for _, key := range sections {
			if key != section && held[key][id] {
				return key
			}
		}
		return ""
	}, nil
}
