package graph

import (
	"context"
	"encoding/json"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"kgraph/graph/store"
)

// An entity asked for with its relations and their ends (the 1-hop query of
// a frontend: an entity, the relations it has, the name of each target) is
// read from a store that can (store.EndsReader) in one query: the entity,
// its relations and their ends come together, and the relations field and
// the lookups of the ends find them loaded.

// prefetched holds the relation lists read ahead of their field, for one
// request.
type prefetched struct {
	mu    sync.Mutex
	lists map[relationsKey][]*store.Relation
}

func (p *prefetched) put(k relationsKey, rels []*store.Relation) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.lists == nil {
		p.lists = map[relationsKey][]*store.Relation{}
	}
	p.lists[k] = rels
}

func (p *prefetched) get(k relationsKey) ([]*store.Relation, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	rels, ok := p.lists[k]
	return rels, ok
}

// entityWithRelations answers Query.entity in one store call when the
// entity's selection has one relations field that shows their ends; ok is
// false when it does not apply or the call failed (the fields then read as
// usual, and say what went wrong).
func (r *queryResolver) entityWithRelations(ctx context.Context, id string) (e *store.Entity, ok bool) {
	l := r.loaders(ctx)
	if l.readWithEnds == nil || !graphql.HasOperationContext(ctx) {
		return nil, false
	}
	oc := graphql.GetOperationContext(ctx)
	var relations *graphql.CollectedField
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"Entity", "Node"}) {
		if f.Name == "relations" {
			if relations != nil {
				return nil, false // two lists, perhaps with other filters
			}
			relations = &f
		}
	}
	if relations == nil || !selectsEndsOfRelations(oc, relations.Selections) {
		return nil, false
	}
	filter, ok := relationFilterOf(*relations, oc.Variables)
	if !ok {
		return nil, false
	}
	w, err := l.readWithEnds(ctx, []string{id}, filter)
	if err != nil || w == nil {
		return nil, false
	}
	b, err := json.Marshal(filter)
	if err != nil {
		return nil, false
	}
	l.prefetched.put(relationsKey{id: id, filter: string(b), ends: true}, w.Relations[id])
	return w.Ends[id], true
}

// relationFilterOf reads the filter of an Entity.relations field from its
// arguments, as its resolver will; ok is false for anything unexpected.
func relationFilterOf(f graphql.CollectedField, vars map[string]any) (store.RelationFilter, bool) {
	args := f.ArgumentMap(vars)
	var filter store.RelationFilter
	if d, isString := args["direction"].(string); isString {
		filter.Direction = store.Direction(d)
	} else if args["direction"] != nil {
		return filter, false
	}
	if types, isList := args["types"].([]any); isList {
		filter.Types = make([]string, 0, len(types))
		for _, t := range types {
			s, isString := t.(string)
			if !isString {
				return filter, false
			}
			filter.Types = append(filter.Types, s)
		}
	} else if args["types"] != nil {
		return filter, false
	}
	if at := args["at"]; at != nil {
		var d store.PartialDate
		if d.UnmarshalGQL(at) != nil {
			return filter, false
		}
		filter.At = &d
	}
	return filter, true
}
