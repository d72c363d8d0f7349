package graph

import (
	"context"

	"kgraph/graph/store"
)

// registering is a snapshot store that registers every entity and
// relation it returns with the request's as-of registry (see asof.go).
type registering struct {
	store.Store
	reg  *asOfRegistry
	snap *snapshot
}

// register registers the objects and returns them.
func register[T any](s registering, objs []*T) []*T {
	for _, o := range objs {
		if o != nil {
			s.reg.add(s.snap, o)
		}
	}
	return objs
}

func (s registering) Entities(ctx context.Context, ids []string) ([]*store.Entity, error) {
	es, err := s.Store.Entities(ctx, ids)
	return register(s, es), err
}

func (s registering) Relations(ctx context.Context, ids []string) ([]*store.Relation, error) {
	rs, err := s.Store.Relations(ctx, ids)
	return register(s, rs), err
}

func (s registering) ListEntities(ctx context.Context, q store.EntityQuery) (*store.EntityPage, error) {
	p, err := s.Store.ListEntities(ctx, q)
	if p != nil {
		register(s, p.Entities)
	}
	return p, err
}

func (s registering) Search(ctx context.Context, q store.SearchQuery) ([]*store.Entity, error) {
	es, err := s.Store.Search(ctx, q)
	return register(s, es), err
}

func (s registering) ListRelations(ctx context.Context, q store.RelationQuery) (*store.RelationPage, error) {
	p, err := s.Store.ListRelations(ctx, q)
	if p != nil {
		register(s, p.Relations)
	}
	return p, err
}

func (s registering) RelationsOf(ctx context.Context, ids []string, f store.RelationFilter) (map[string][]*store.Relation, error) {
	m, err := s.Store.RelationsOf(ctx, ids, f)
	for _, rs := range m {
		register(s, rs)
	}
	return m, err
}

func (s registering) Neighborhood(ctx context.Context, q store.NeighborhoodQuery) (*store.Subgraph, error) {
	g, err := s.Store.Neighborhood(ctx, q)
	if g != nil {
		register(s, g.Entities)
		register(s, g.Relations)
	}
	return g, err
}

func (s registering) ShortestPath(ctx context.Context, q store.PathQuery) (*store.Path, error) {
	p, err := s.Store.ShortestPath(ctx, q)
	if p != nil {
		register(s, p.Entities)
		register(s, p.Relations)
	}
	return p, err
}

func (s registering) Timeline(ctx context.Context, q store.TimelineQuery) ([]*store.Relation, error) {
	rs, err := s.Store.Timeline(ctx, q)
	return register(s, rs), err
}

// AnswersInMemory implements InMemory for a snapshot held in memory, so
// that its loaders call it at once instead of waiting to batch.
func (s registering) AnswersInMemory() bool {
	m, ok := s.Store.(InMemory)
	return ok && m.AnswersInMemory()
}
