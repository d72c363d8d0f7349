package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
)

// alone reports whether the field being resolved lies outside every list
// of the answer: then no other item of its level will ask the loaders for
// a key, so their batching window would only add its wait. A root field
// (entity, search) or the relations of a root entity are alone; the
// target of each relation of a list is not.
func alone(ctx context.Context) bool {
	for fc := graphql.GetFieldContext(ctx); fc != nil; fc = fc.Parent {
		if fc.Index != nil {
			return false
		}
	}
	return true
}

// batchedInLists is a loader that calls the store at once for a lookup
// made alone (see alone), and through the batching loader otherwise.
type batchedInLists[K comparable, V any] struct {
	direct  loader[K, V]
	batched loader[K, V]
}

// Load implements loader.
func (l batchedInLists[K, V]) Load(ctx context.Context, key K) (V, error) {
	if alone(ctx) {
		return l.direct.Load(ctx, key)
	}
	return l.batched.Load(ctx, key)
}

// LoadAll implements loader.
func (l batchedInLists[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	if alone(ctx) {
		return l.direct.LoadAll(ctx, keys)
	}
	return l.batched.LoadAll(ctx, keys)
}
