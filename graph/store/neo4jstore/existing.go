package neo4jstore

import (
	"context"
	"fmt"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// nodeLabels is the node label of each section but relations.
var nodeLabels = map[string]string{
	store.SectionEntityKinds:   "EntityKind",
	store.SectionRelationTypes: "RelationType",
	store.SectionSources:       "SourceDocument",
	store.SectionEntities:      "Entity",
}

// Existing implements store.Store: one index lookup for nodes; for
// relations, the types first and then one lookup per type.
func (s *Store) Existing(ctx context.Context, section string, ids []string) ([]string, error) {
	if err := store.CheckSection(section); err != nil {
		return nil, err
	}
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]string, error) {
		out := []string{}
		if len(ids) == 0 {
			return out, nil
		}
		cypher := fmt.Sprintf("MATCH (n:%s) WHERE n.id IN $ids RETURN collect(n.id) AS found", nodeLabels[section])
		if section == store.SectionRelations {
			match, err := storedRelationsWithIDs(ctx, tx, "$ids", len(ids))
			if err != nil {
				return nil, err
			}
			cypher = match + " RETURN collect(r.id) AS found"
		}
		rec, err := single(ctx, tx, cypher, map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		found, err := value[[]any](rec, "found")
		if err != nil {
			return nil, err
		}
		held := make(map[string]bool, len(found))
		for _, id := range found {
			held[fmt.Sprint(id)] = true
		}
		for _, id := range ids {
			if held[id] {
				out = append(out, id)
				held[id] = false
			}
		}
		return out, nil
	})
}
