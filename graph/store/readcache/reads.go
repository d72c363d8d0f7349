package readcache

import (
	"context"

	"kgraph/graph/store"
)

// Vocabulary implements store.Store.
func (c *Store) Vocabulary(ctx context.Context) (*store.Vocabulary, error) {
	return cached(c, ctx, "vocabulary", func() (*store.Vocabulary, error) { return c.Store.Vocabulary(ctx) },
		func(v *store.Vocabulary) int { return len(v.EntityKinds) + len(v.RelationTypes) })
}

// Languages implements store.Store.
func (c *Store) Languages(ctx context.Context) ([]string, error) {
	return cached(c, ctx, "languages", func() ([]string, error) { return c.Store.Languages(ctx) }, func(l []string) int { return len(l) })
}

// Version implements store.Store: the version the cache checked within
// the interval, or a fresh one.
func (c *Store) Version(ctx context.Context) (string, error) {
	if _, ok := c.current(ctx); ok {
		c.mu.Lock()
		defer c.mu.Unlock()
		return c.version, nil
	}
	return c.Store.Version(ctx)
}

// Entities implements store.Store.
func (c *Store) Entities(ctx context.Context, ids []string) ([]*store.Entity, error) {
	return byID(c, ctx, "entity:", ids, c.Store.Entities)
}

// Relations implements store.Store.
func (c *Store) Relations(ctx context.Context, ids []string) ([]*store.Relation, error) {
	return byID(c, ctx, "relation:", ids, c.Store.Relations)
}

// SourceDocuments implements store.Store.
func (c *Store) SourceDocuments(ctx context.Context, ids []string) ([]*store.SourceDocument, error) {
	return byID(c, ctx, "document:", ids, c.Store.SourceDocuments)
}

// Metas implements store.Store.
func (c *Store) Metas(ctx context.Context, ids []string) ([]*store.Meta, error) {
	return byID(c, ctx, "meta:", ids, c.Store.Metas)
}

// RelationsOf implements store.Store, entity by entity.
func (c *Store) RelationsOf(ctx context.Context, ids []string, f store.RelationFilter) (map[string][]*store.Relation, error) {
	prefix := relationsOfPrefix(f)
	lists, err := byID(c, ctx, prefix, ids, func(ctx context.Context, missing []string) ([][]*store.Relation, error) {
		m, err := c.Store.RelationsOf(ctx, missing, f)
		if err != nil {
			return nil, err
		}
		out := make([][]*store.Relation, len(missing))
		for i, id := range missing {
			out[i] = m[id]
		}
		return out, nil
	})
	if err != nil {
		return nil, err
	}
	out := make(map[string][]*store.Relation, len(ids))
	for i, id := range ids {
		if len(lists[i]) > 0 {
			out[id] = lists[i]
		}
	}
	return out, nil
}

// ListEntities implements store.Store.
func (c *Store) ListEntities(ctx context.Context, q store.EntityQuery) (*store.EntityPage, error) {
	return cached(c, ctx, key("listEntities", q), func() (*store.EntityPage, error) { return c.Store.ListEntities(ctx, q) },
		func(p *store.EntityPage) int { return len(p.Entities) })
}

// Search implements store.Store.
func (c *Store) Search(ctx context.Context, q store.SearchQuery) ([]*store.Entity, error) {
	return cached(c, ctx, key("search", q), func() ([]*store.Entity, error) { return c.Store.Search(ctx, q) },
		func(l []*store.Entity) int { return len(l) })
}

// ListRelations implements store.Store.
func (c *Store) ListRelations(ctx context.Context, q store.RelationQuery) (*store.RelationPage, error) {
	return cached(c, ctx, key("listRelations", q), func() (*store.RelationPage, error) { return c.Store.ListRelations(ctx, q) },
		func(p *store.RelationPage) int { return len(p.Relations) })
}

// Neighborhood implements store.Store.
func (c *Store) Neighborhood(ctx context.Context, q store.NeighborhoodQuery) (*store.Subgraph, error) {
	return cached(c, ctx, key("neighborhood", q), func() (*store.Subgraph, error) { return c.Store.Neighborhood(ctx, q) },
		func(g *store.Subgraph) int { return len(g.Entities) + len(g.Relations) })
}

// ShortestPath implements store.Store.
func (c *Store) ShortestPath(ctx context.Context, q store.PathQuery) (*store.Path, error) {
	return cached(c, ctx, key("shortestPath", q), func() (*store.Path, error) { return c.Store.ShortestPath(ctx, q) },
		func(p *store.Path) int {
			if p == nil {
				return 1
			}
			return len(p.Entities) + len(p.Relations)
		})
}

// Timeline implements store.Store.
func (c *Store) Timeline(ctx context.Context, q store.TimelineQuery) ([]*store.Relation, error) {
	return cached(c, ctx, key("timeline", q), func() ([]*store.Relation, error) { return c.Store.Timeline(ctx, q) },
		func(l []*store.Relation) int { return len(l) })
}

// ChangesBetween implements store.Store.
func (c *Store) ChangesBetween(ctx context.Context, q store.ChangesQuery) (*store.Comparison, error) {
	return cached(c, ctx, key("changesBetween", q), func() (*store.Comparison, error) { return c.Store.ChangesBetween(ctx, q) },
		func(cmp *store.Comparison) int { return len(cmp.Added) + len(cmp.Ended) + len(cmp.Held) })
}

// Write implements store.Store and forgets every cached answer.
func (c *Store) Write(ctx context.Context, e *store.Edit) (*store.Change, error) {
	defer c.invalidate()
	return c.Store.Write(ctx, e)
}

// Apply implements store.Store and forgets every cached answer.
func (c *Store) Apply(ctx context.Context, d *store.Dataset, opts store.ApplyOptions) (*store.ApplyResult, error) {
	defer c.invalidate()
	return c.Store.Apply(ctx, d, opts)
}

// relationsOfPrefix names the cached relations of entities under filter f.
func relationsOfPrefix(f store.RelationFilter) string { return key("relationsOf", f) + ":" }
