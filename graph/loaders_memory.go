package graph

import (
	"context"

	"kgraph/graph/store"
)

// MemoryFirst is implemented by stores that keep recent answers in memory
// in front of a store across the network (readcache): a lookup they can
// answer from memory is answered at once, and only the others wait for the
// loaders' batching window. Without it, a request whose every answer is
// cached would still pay the window once per level of nesting.
type MemoryFirst interface {
	// PeekEntities answers Entities from memory, or reports ok false.
	PeekEntities(ctx context.Context, ids []string) ([]*store.Entity, bool)
	// PeekSourceDocuments answers SourceDocuments from memory, or reports
	// ok false.
	PeekSourceDocuments(ctx context.Context, ids []string) ([]*store.SourceDocument, bool)
	// PeekRelationsOf answers RelationsOf for one entity from memory, or
	// reports ok false.
	PeekRelationsOf(ctx context.Context, id string, f store.RelationFilter) ([]*store.Relation, bool)
}

// memoryFirst is a loader that asks peek before the batching loader.
type memoryFirst[K comparable, V any] struct {
	peek    func(context.Context, []K) ([]V, bool)
	batched loader[K, V]
}

// Load implements loader.
func (l memoryFirst[K, V]) Load(ctx context.Context, key K) (V, error) {
	if values, ok := l.peek(ctx, []K{key}); ok {
		return values[0], nil
	}
	return l.batched.Load(ctx, key)
}

// LoadAll implements loader.
func (l memoryFirst[K, V]) LoadAll(ctx context.Context, keys []K) ([]V, error) {
	if values, ok := l.peek(ctx, keys); ok {
		return values, nil
	}
	return l.batched.LoadAll(ctx, keys)
}

// peekFirst puts m's memory in front of l's batching loaders.
func (l *Loaders) peekFirst(m MemoryFirst) {
	l.entities = memoryFirst[string, *store.Entity]{peek: m.PeekEntities, batched: l.entities}
	l.documents = memoryFirst[string, *store.SourceDocument]{peek: m.PeekSourceDocuments, batched: l.documents}
	relationsOf := l.relationsOf
	l.relationsOf = func(ctx context.Context, id string, f store.RelationFilter) ([]*store.Relation, error) {
		if rels, ok := m.PeekRelationsOf(ctx, id, f); ok {
			return rels, nil
		}
		return relationsOf(ctx, id, f)
	}
}
