package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"

	"kgraph/graph/store"
)

// endsWanted reports whether the field being resolved, which reads the
// relations of an entity, will show the entities at their ends: neighbors
// always does; relations does when its selection asks for a relation's
// from or to. Then a store that reads ends with relations in one round
// trip (store.EndsReader) is asked for them, and the lookups of the ends
// find them loaded.
func endsWanted(ctx context.Context) bool {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || !graphql.HasOperationContext(ctx) {
		return false
	}
	switch fc.Field.Name {
	case "neighbors":
		return true
	case "relations":
		return selectsEndsOfRelations(graphql.GetOperationContext(ctx), fc.Field.Selections)
	}
	return false
}

// selectsEndsOfRelations reports whether a selection of a
// RelationConnection asks for the from or to of its relations.
func selectsEndsOfRelations(oc *graphql.OperationContext, sel ast.SelectionSet) bool {
	for _, f := range graphql.CollectFields(oc, sel, []string{"RelationConnection"}) {
		switch f.Name {
		case "nodes":
			if selectsAnEnd(oc, f.Selections) {
				return true
			}
		case "edges":
			for _, e := range graphql.CollectFields(oc, f.Selections, []string{"RelationEdge"}) {
				if e.Name == "node" && selectsAnEnd(oc, e.Selections) {
					return true
				}
			}
		}
	}
	return false
}

// selectsAnEnd reports whether a selection of a Relation asks for from or to.
func selectsAnEnd(oc *graphql.OperationContext, sel ast.SelectionSet) bool {
	for _, f := range graphql.CollectFields(oc, sel, []string{"Relation", "Node"}) {
		if f.Name == "from" || f.Name == "to" {
			return true
		}
	}
	return false
}

// endsReader returns what reads relations with their ends from s, handing
// the ends to prime so that their lookups need no call of their own; nil
// when s cannot read them in the same round trip.
func endsReader(s store.Store, prime func(map[string]*store.Entity)) func(context.Context, []string, store.RelationFilter) (*store.WithEnds, error) {
	er, ok := s.(store.EndsReader)
	if !ok {
		return nil
	}
	return func(ctx context.Context, ids []string, f store.RelationFilter) (*store.WithEnds, error) {
		w, err := er.RelationsOfWithEnds(ctx, ids, f)
		if err != nil {
			return nil, err
		}
		prime(w.Ends)
		return w, nil
	}
}

// relationsReader reads the relations of entities from s, with their ends
// when asked for and withEnds can read them.
func relationsReader(s store.Store, withEnds func(context.Context, []string, store.RelationFilter) (*store.WithEnds, error)) func(ctx context.Context, ids []string, f store.RelationFilter, ends bool) (map[string][]*store.Relation, error) {
	return func(ctx context.Context, ids []string, f store.RelationFilter, ends bool) (map[string][]*store.Relation, error) {
		if !ends || withEnds == nil {
			return s.RelationsOf(ctx, ids, f)
		}
		w, err := withEnds(ctx, ids, f)
		if err != nil {
			return nil, err
		}
		return w.Relations, nil
	}
}
