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

func (s registering) entities(es []*store.Entity) []*store.Entity {
	for _, e := range es {
		if e != nil {
			s.reg.add(s.snap, e)
		}
	}
	return es
}

func (s registering) relations(rs []*store.Relation) []*store.Relation {
	for _, r := range rs {
		if r != nil {
			s.reg.add(s.snap, r)
		}
	}
	return rs
}

func (s registering) Entities(ctx context.Context, ids []string) ([]*store.Entity, error) {
	es, err := s.Store.Entities(ctx, ids)
	return s.entities(es), err
}

func (s registering) Relations(ctx context.Context, ids []string) ([]*store.Relation, error) {
	rs, err := s.Store.Relations(ctx, ids)
	return s.relations(rs), err
}

func (s registering) ListEntities(ctx context.Context, q store.EntityQuery) (*store.EntityPage, error) {
	p, err := s.Store.ListEntities(ctx, q)
	if p != nil {
		s.entities(p.Entities)
	}
	return p, err
}

func (s registering) Search(ctx context.Context, q store.SearchQuery) ([]*store.Entity, error) {
	es, err := s.Store.Search(ctx, q)
	return s.entities(es), err
}

func (s registering) ListRelations(ctx context.Context, q store.RelationQuery) (*store.RelationPage, error) {
	p, err := s.Store.ListRelations(ctx, q)
	if p != nil {
		s.relations(p.Relations)
	}
	return p, err
}

func (s registering) RelationsOf(ctx context.Context, ids []string, f store.RelationFilter) (map[string][]*store.Relation, error) {
	m, err := s.Store.RelationsOf(ctx, ids, f)
	for _, rs := range m {
		s.relations(rs)
	}
	return m, err
}

func (s registering) Neighborhood(ctx context.Context, q store.NeighborhoodQuery) (*store.Subgraph, error) {
	g, err := s.Store.Neighborhood(ctx, q)
	if g != nil {
		s.entities(g.Entities)
		s.relations(g.Relations)
	}
	return g, err
}

func (s registering) ShortestPath(ctx context.Context, q store.PathQuery) (*store.Path, error) {
	p, err := s.Store.ShortestPath(ctx, q)
	if p != nil {
		s.entities(p.Entities)
		s.relations(p.Relations)
	}
	return p, err
}

func (s registering) Timeline(ctx context.Context, q store.TimelineQuery) ([]*store.Relation, error) {
	rs, err := s.Store.Timeline(ctx, q)
	return s.relations(rs), err
}
