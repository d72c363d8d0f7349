package graph

import (
	"context"

	"kgraph/graph/model"
	"kgraph/graph/store"
)

// The helpers here translate between GraphQL arguments and store queries.

// size turns an optional size argument into a store size: nil is 0 (the
// store's default); an explicit value below 1 is an error, as 0 would
// otherwise silently mean the default.
func size(name string, n *int) (int, error) {
	if n == nil {
		return 0, nil
	}
	if *n < 1 {
		return 0, store.Errorf(store.EINVALID, "%s must be at least 1, got %d", name, *n)
	}
	return *n, nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func langOr(lang *string) string {
	if lang == nil || *lang == "" {
		return store.DefaultLang
	}
	return *lang
}

func optionalText(texts store.Texts, lang *string) *string {
	if len(texts) == 0 {
		return nil
	}
	s := texts.Pick(langOr(lang))
	return &s
}

func labelPtrs(labels []store.Label) []*store.Label {
	out := make([]*store.Label, len(labels))
	for i := range labels {
		out[i] = &labels[i]
	}
	return out
}

func positive(n int) *int {
	if n <= 0 {
		return nil
	}
	return &n
}

func entityConnection(p *store.EntityPage, after string) *model.EntityConnection {
	c := &model.EntityConnection{TotalCount: p.TotalCount, Nodes: p.Entities, Edges: []*model.EntityEdge{}}
	for _, e := range p.Entities {
		c.Edges = append(c.Edges, &model.EntityEdge{Cursor: store.EncodeCursor(e.ID), Node: e})
	}
	c.PageInfo = pageInfo(len(c.Edges), p.HasNextPage, after, func(i int) string { return c.Edges[i].Cursor })
	return c
}

func relationConnection(rels []*store.Relation, total int, hasNext bool, after string) *model.RelationConnection {
	c := &model.RelationConnection{TotalCount: total, Nodes: rels, Edges: []*model.RelationEdge{}}
	for _, r := range rels {
		c.Edges = append(c.Edges, &model.RelationEdge{Cursor: store.EncodeCursor(r.ID), Node: r})
	}
	c.PageInfo = pageInfo(len(c.Edges), hasNext, after, func(i int) string { return c.Edges[i].Cursor })
	return c
}

func pageInfo(n int, hasNext bool, after string, cursor func(int) string) *model.PageInfo {
	info := &model.PageInfo{HasNextPage: hasNext, HasPreviousPage: after != ""}
	if n > 0 {
		first, last := cursor(0), cursor(n-1)
		info.StartCursor, info.EndCursor = &first, &last
	}
	return info
}

// neighborhood reads the neighborhood of id in s, as Query.neighborhood and
// Entity.neighborhood ask for it.
func neighborhood(ctx context.Context, s store.Store, id string, depth *int, types []string, at *store.PartialDate, limit *int) (*store.Subgraph, error) {
	n, err := size("limit", limit)
	if err != nil {
		return nil, err
	}
	return s.Neighborhood(ctx, store.NeighborhoodQuery{ID: id, Depth: deref(depth), Types: types, At: at, Limit: n})
}

// shortestPath reads a path in s, as Query.shortestPath and Entity.pathTo ask for it.
func shortestPath(ctx context.Context, s store.Store, from, to string, types []string, maxDepth *int, at *store.PartialDate) (*store.Path, error) {
	n, err := size("maxDepth", maxDepth)
	if err != nil {
		return nil, err
	}
	return s.ShortestPath(ctx, store.PathQuery{From: from, To: to, Types: types, MaxDepth: n, At: at})
}
