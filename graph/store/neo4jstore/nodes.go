package neo4jstore

import (
	"context"
	"fmt"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// Relations implements store.Store, in one query for all the ids: one
// index lookup per relation type (see relationsWithIDs).
func (s *Store) Relations(ctx context.Context, ids []string) ([]*store.Relation, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) ([]*store.Relation, error) {
		out := make([]*store.Relation, len(ids))
		if len(ids) == 0 {
			return out, nil
		}
		vocab, err := vocabulary(ctx, tx)
		if err != nil {
			return nil, err
		}
		match, err := relationsWithIDs(vocab, "$ids", len(ids))
		if err != nil {
			return nil, err
		}
		rec, err := single(ctx, tx, match+" RETURN collect("+relationMap("r")+") AS relations", map[string]any{"ids": ids})
		if err != nil {
			return nil, err
		}
		rels, err := decodeList(rec, "relations", decodeRelation)
		if err != nil {
			return nil, err
		}
		found := make(map[string]*store.Relation, len(rels))
		for i := range rels {
			found[rels[i].ID] = &rels[i]
		}
		for i, id := range ids {
			out[i] = found[id]
		}
		return out, nil
	})
}

// nodeSectionsQuery finds the stored nodes that have the id of one of
// the dataset's nodes of another kind: the input of the rule that node
// ids are unique across sections. Sources and entities are looked up by
// their unique index, relationships through their types' id indexes
// (relationsWithIDs), only for the ids of the dataset's sources and
// entities, so a batch of relations alone looks up no relationship.
const nodeSectionsQuery = `
CALL { MATCH (d:SourceDocument) WHERE d.id IN $entities + $relations RETURN collect(d.id) AS sources }
CALL { MATCH (n:Entity) WHERE n.id IN $sources + $relations RETURN collect(n.id) AS entities }
CALL { %s RETURN collect(r.id) AS found }
RETURN sources, entities, found AS relations`

// nodeHolders returns Known.Holder for the node ids d gives, read in one
// query within tx.
func nodeHolders(ctx context.Context, tx neo4j.ManagedTransaction, d *store.Dataset, vocab *store.Vocabulary) (func(id, section string) string, error) {
	ids := map[string][]string{store.SectionSources: {}, store.SectionEntities: {}, store.SectionRelations: {}}
	for _, x := range d.Sources {
		ids[store.SectionSources] = append(ids[store.SectionSources], x.ID)
	}
	for _, x := range d.Entities {
		ids[store.SectionEntities] = append(ids[store.SectionEntities], x.ID)
	}
	for _, x := range d.Relations {
		ids[store.SectionRelations] = append(ids[store.SectionRelations], x.ID)
	}
	nodeIDs := append(slices.Clone(ids[store.SectionSources]), ids[store.SectionEntities]...)
	relations, err := relationsWithIDs(vocab, "$nodeIDs", len(nodeIDs))
	if err != nil {
		return nil, err
	}
	rec, err := single(ctx, tx, fmt.Sprintf(nodeSectionsQuery, relations), map[string]any{
		"sources": ids[store.SectionSources], "entities": ids[store.SectionEntities], "relations": ids[store.SectionRelations],
		"nodeIDs": nodeIDs,
	})
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
