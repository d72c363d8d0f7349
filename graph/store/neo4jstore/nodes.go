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
		match, err := storedRelationsWithIDs(ctx, tx, "$ids", len(ids))
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

// holderSubqueries find the stored nodes that have the id of one of
// the dataset's nodes of another kind: the input of the rule that node
// ids are unique across sections. Sources and entities are looked up by
// their unique index, relationships through their types' id indexes
// (relationsWithIDs, formatted in as %s), only for the ids of the
// dataset's sources and entities, so a batch of relations alone looks up
// no relationship. They give heldAsSource, heldAsEntity and
// heldAsRelation, which holders reads.
const holderSubqueries = `
CALL { MATCH (d:SourceDocument) WHERE d.id IN $putEntities + $putRelations RETURN collect(d.id) AS heldAsSource }
CALL { MATCH (n:Entity) WHERE n.id IN $putSources + $putRelations RETURN collect(n.id) AS heldAsEntity }
CALL { %s RETURN collect(r.id) AS heldAsRelation }`

// holderQuery returns holderSubqueries for the node ids d gives, with
// their parameters.
func holderQuery(d *store.Dataset, vocab *store.Vocabulary) (string, map[string]any, error) {
	sources, entities, relations := []string{}, []string{}, []string{}
	for _, x := range d.Sources {
		sources = append(sources, x.ID)
	}
	for _, x := range d.Entities {
		entities = append(entities, x.ID)
	}
	for _, x := range d.Relations {
		relations = append(relations, x.ID)
	}
	nodeIDs := append(slices.Clone(sources), entities...)
	match, err := relationsWithIDs(vocab, "$putNodes", len(nodeIDs))
	if err != nil {
		return "", nil, err
	}
	return fmt.Sprintf(holderSubqueries, match), map[string]any{
		"putSources": sources, "putEntities": entities, "putRelations": relations, "putNodes": nodeIDs,
	}, nil
}

// holders returns Known.Holder from what holderSubqueries found.
func holders(rec *neo4j.Record) (func(id, section string) string, error) {
	keys := map[string]string{
		store.SectionSources: "heldAsSource", store.SectionEntities: "heldAsEntity", store.SectionRelations: "heldAsRelation",
	}
	sections := []string{store.SectionSources, store.SectionEntities, store.SectionRelations}
	held := map[string]map[string]bool{}
	for _, section := range sections {
		found, err := value[[]any](rec, keys[section])
		if err != nil {
			return nil, err
		}
		held[section] = map[string]bool{}
		for _, id := range found {
			if s, ok := id.(string); ok {
				held[section][s] = true
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
