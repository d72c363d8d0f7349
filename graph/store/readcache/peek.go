package readcache

import (
	"context"

	"kgraph/graph/store"
)

// The Peek methods answer a lookup from memory alone, without reading the
// graph's version or calling the store: ok is false when any key is not
// cached, when the version was not checked within the interval, or when
// the request carries bookmarks. They let a caller that batches lookups
// across a time window (the GraphQL loaders) skip the window when the
// answer is already at hand.

// PeekEntities answers Entities from memory, or reports ok false.
func (c *Store) PeekEntities(ctx context.Context, ids []string) ([]*store.Entity, bool) {
	return peek[*store.Entity](c, ctx, "entity:", ids)
}

// PeekSourceDocuments answers SourceDocuments from memory, or reports ok false.
func (c *Store) PeekSourceDocuments(ctx context.Context, ids []string) ([]*store.SourceDocument, bool) {
	return peek[*store.SourceDocument](c, ctx, "document:", ids)
}

// PeekRelationsOf answers RelationsOf for one entity from memory, or
// reports ok false.
func (c *Store) PeekRelationsOf(ctx context.Context, id string, f store.RelationFilter) ([]*store.Relation, bool) {
	lists, ok := peek[[]*store.Relation](c, ctx, relationsOfPrefix(f), []string{id})
	if !ok {
		return nil, false
	}
	return lists[0], true
}

func peek[T any](c *Store, ctx context.Context, prefix string, ids []string) ([]T, bool) {
	if asksForWrites(ctx) {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.freshLocked() {
		return nil, false
	}
	out := make([]T, len(ids))
	for i, id := range ids {
		v, hit := c.answers.get(prefix + id)
		if !hit {
			return nil, false
		}
		out[i] = v.(T)
	}
	return out, true
}
