package memstore

import (
	"context"

	"kgraph/graph/store"
)

// shortestPath answers store.ShortestPathRelations's question (the same
// path, by the same tie-break) with a search from both ends at once, always
// growing the smaller frontier: on a graph whose degrees follow a power law
// it visits a few hundred entities where a search from one end visits the
// whole graph. The caller holds the read lock and has checked q.
func (s *Store) shortestPath(ctx context.Context, q store.PathQuery) ([]string, []*store.Relation, error) {
	if q.From == q.To {
		return []string{q.From}, nil, nil
	}
	f := q.Filter()
	edges := func(u string, visit func(n relNum, v string)) {
		for _, n := range s.touching[u] {
			if s.touches(&f, n, u) {
				visit(n, s.other(n, u))
			}
		}
	}
	fwd := newSearchSide(q.From)
	bwd := newSearchSide(q.To)
	met := false
	for len(fwd.levels)-1+len(bwd.levels)-1 < q.MaxDepth && !met {
		if err := store.ContextError(ctx); err != nil {
			return nil, nil, err
		}
		grow, other := fwd, bwd
		if len(bwd.frontier()) < len(fwd.frontier()) {
			grow, other = bwd, fwd
		}
		if len(grow.frontier()) == 0 {
			return nil, nil, nil
		}
		met = grow.expand(edges, other)
	}
	if !met {
		return nil, nil, nil
	}
	// Every shortest path crosses forward level kf at an entity both sides
	// reached; mark the forward entities that lead to one, level by level.
	kf, d := len(fwd.levels)-1, len(fwd.levels)-1+len(bwd.levels)-1
	onPath := map[string]bool{}
	for _, v := range fwd.levels[kf] {
		if _, ok := bwd.dist[v]; ok {
			onPath[v] = true
		}
	}
	for i := kf - 1; i >= 0; i-- {
		for _, u := range fwd.levels[i] {
			edges(u, func(_ relNum, v string) {
				if onPath[v] && fwd.dist[v] == i+1 {
					onPath[u] = true
				}
			})
		}
	}
	// Walk from q.From, always taking the smallest relation id that stays
	// on a shortest path (relations of an entity are kept in id order):
	// that gives the path whose ids sort first. Beyond level kf, an entity
	// is on a shortest path when its distance to q.To is what remains.
	ids := []string{q.From}
	path := make([]relNum, 0, d)
	for i, u := 0, q.From; i < d; i++ {
		found := false
		var best relNum
		var next string
		edges(u, func(n relNum, v string) {
			if found {
				return
			}
			if i+1 <= kf && fwd.dist[v] == i+1 && onPath[v] ||
				i+1 > kf && distIs(bwd.dist, v, d-i-1) {
				found, best, next = true, n, v
			}
		})
		path = append(path, best)
		ids = append(ids, next)
		u = next
	}
	return ids, s.relationsByNum(path), nil
}

// searchSide is one end of a two-ended breadth-first search.
type searchSide struct {
	dist   map[string]int // entity -> hops from this end
	levels [][]string     // the entities at each distance, in the order found
}

func newSearchSide(root string) *searchSide {
	return &searchSide{dist: map[string]int{root: 0}, levels: [][]string{{root}}}
}

func (x *searchSide) frontier() []string { return x.levels[len(x.levels)-1] }

// expand adds the next level and reports whether it reached an entity the
// other side has reached.
func (x *searchSide) expand(edges func(string, func(relNum, string)), other *searchSide) bool {
	level := len(x.levels)
	var next []string
	met := false
	for _, u := range x.frontier() {
		edges(u, func(_ relNum, v string) {
			if _, seen := x.dist[v]; seen {
				return
			}
			x.dist[v] = level
			next = append(next, v)
			if _, ok := other.dist[v]; ok {
				met = true
			}
		})
	}
	x.levels = append(x.levels, next)
	return met
}

func distIs(dist map[string]int, id string, want int) bool {
	d, ok := dist[id]
	return ok && d == want
}
