package neo4jstore

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// currentQuery reads what planning an edit depends on beside the
// vocabulary: the stored sources, entities and relations whose ids the
// edit puts, deletes or names a version for, with their Meta properties,
// the ids of the stored entities its relations end at (their existence is
// all the plan needs of them, and reading them whole would make a batch of
// relations read thousands of entities it does not change), the
// relations that touch the entities it deletes, and the nodes of other
// sections that hold the ids it puts (holderSubqueries). Nothing else of
// the graph is read, so an import in many batches does not read the whole
// graph for each. Relations are found through their types' id indexes
// (relationsWithIDs).
func currentQuery(v *store.Vocabulary, relationIDs int, holders string) (string, error) {
	relations, err := relationsWithIDs(v, "$relations", relationIDs)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf(`
CALL { MATCH (d:SourceDocument) WHERE d.id IN $sources RETURN collect(properties(d)) AS sources }
CALL { MATCH (n:Entity) WHERE n.id IN $entities RETURN collect(%[2]s) AS entities }
CALL { MATCH (n:Entity) WHERE n.id IN $ends RETURN collect(n.id) AS ends }
CALL { %[3]s RETURN collect(%[1]s) AS relations }
CALL { MATCH (n:Entity)-[r]-() WHERE n.id IN $deleted RETURN collect(DISTINCT %[1]s) AS touching }%[4]s
RETURN *`, relationMap("r"), entityMap("n"), relations, holders), nil
}

// readCurrent reads, in tx and in one query, the store.Current that
// store.PlanEdit needs for e over the vocabulary v, and the stored
// elements it holds.
func readCurrent(ctx context.Context, tx neo4j.ManagedTransaction, e *store.Edit, v *store.Vocabulary) (store.Current, *store.Dataset, error) {
	var sourceIDs, entityIDs, endIDs, relationIDs []string
	cites := func(cs []store.Citation) {
		for _, c := range cs {
			sourceIDs = append(sourceIDs, c.Source)
		}
	}
	d := &e.Put
	for _, src := range d.Sources {
		sourceIDs = append(sourceIDs, src.ID)
	}
	for _, x := range d.Entities {
		entityIDs = append(entityIDs, x.ID)
		cites(x.Sources)
	}
	for _, r := range d.Relations {
		relationIDs = append(relationIDs, r.ID)
		endIDs = append(endIDs, r.FromID, r.ToID)
		cites(r.Sources)
	}
	// A deleted id, or one whose version the edit expects, names an entity
	// or a relation: it is looked up as both.
	named := append(slices.Clone(e.Delete), slices.Sorted(maps.Keys(e.Expect))...)
	entityIDs = append(entityIDs, named...)
	relationIDs = append(relationIDs, named...)

	held, params, err := holderQuery(d, v)
	if err != nil {
		return store.Current{}, nil, err
	}
	cypher, err := currentQuery(v, len(relationIDs), held)
	if err != nil {
		return store.Current{}, nil, err
	}
	params["sources"], params["entities"], params["ends"] = distinct(sourceIDs), distinct(entityIDs), distinct(endIDs)
	params["relations"], params["deleted"] = distinct(relationIDs), nonNil(e.Delete)
	rec, err := single(ctx, tx, cypher, params)
	if err != nil {
		return store.Current{}, nil, err
	}
	stored := &store.Dataset{Vocabulary: *v}
	metas := map[string]store.Meta{}
	if stored.Sources, err = decodeList(rec, "sources", decodeSource); err != nil {
		return store.Current{}, nil, err
	}
	if stored.Entities, err = decodeWithMetas(rec, "entities", decodeEntity, metas); err != nil {
		return store.Current{}, nil, err
	}
	if stored.Relations, err = decodeWithMetas(rec, "relations", decodeRelation, metas); err != nil {
		return store.Current{}, nil, err
	}
	touching, err := decodeWithMetas(rec, "touching", decodeRelation, metas)
	if err != nil {
		return store.Current{}, nil, err
	}
	read := idSet(stored.Relations, func(r store.Relation) string { return r.ID })
	touchingIDs := map[string][]string{}
	for _, r := range touching {
		touchingIDs[r.FromID] = append(touchingIDs[r.FromID], r.ID)
		if r.ToID != r.FromID {
			touchingIDs[r.ToID] = append(touchingIDs[r.ToID], r.ID)
		}
		if !read[r.ID] {
			read[r.ID] = true
			stored.Relations = append(stored.Relations, r)
		}
	}

	holder, err := holders(rec)
	if err != nil {
		return store.Current{}, nil, err
	}
	entities := idSet(stored.Entities, func(x store.Entity) string { return x.ID })
	ends, err := value[[]any](rec, "ends")
	if err != nil {
		return store.Current{}, nil, err
	}
	for _, id := range ends {
		if s, ok := id.(string); ok {
			entities[s] = true
		}
	}
	sources := idSet(stored.Sources, func(x store.SourceDocument) string { return x.ID })
	return store.Current{
		Known: store.Known{
			Vocabulary: *v,
			Entity:     func(id string) bool { return entities[id] },
			Source:     func(id string) bool { return sources[id] },
			Holder:     holder,
		},
		Stored: stored.Lookup(),
		Meta: func(id string) (store.Meta, bool) {
			m, ok := metas[id]
			return m, ok
		},
		Touching: func(entityID string) []string { return touchingIDs[entityID] },
	}, stored, nil
}

// decodeWithMetas decodes the list of property maps in key, as
// decodeList does, and records in metas the Meta of each that has one.
func decodeWithMetas[T any](rec *neo4j.Record, key string, decode func(map[string]any) (T, error), metas map[string]store.Meta) ([]T, error) {
	list, err := value[[]any](rec, key)
	if err != nil {
		return nil, err
	}
	for _, x := range list {
		if p, ok := x.(map[string]any); ok {
			if m, ok := decodeMeta(p); ok {
				id, _ := p[keyID].(string)
				metas[id] = m
			}
		}
	}
	return decodeMaps(list, key, decode)
}

// distinct returns ids sorted, once each, never nil (a Cypher list parameter).
func distinct(ids []string) []string {
	return nonNil(slices.Compact(slices.Sorted(slices.Values(ids))))
}

// nonNil returns ids, or an empty list for nil: a Cypher list parameter.
func nonNil(ids []string) []string {
	if ids == nil {
		return []string{}
	}
	return ids
}

func idSet[T any](xs []T, id func(T) string) map[string]bool {
	out := make(map[string]bool, len(xs))
	for _, x := range xs {
		out[id(x)] = true
	}
	return out
}
