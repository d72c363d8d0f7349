package memstore

import (
	"context"
	"sort"

	"kgraph/graph/store"
)

// neighborhood answers store.NeighborhoodIDs's question (the same
// entities in the same order, the same relations) straight from the
// adjacency lists: no per-level maps of relations, and each relation
// kept is seen once. The caller holds the read lock and has checked q.
func (s *Store) neighborhood(ctx context.Context, q store.NeighborhoodQuery) ([]string, []*store.Relation, bool, error) {
	f := q.Filter()
	dist := map[string]int{q.ID: 0}
	order := []string{q.ID}
	frontier := []string{q.ID}
	for level := 0; level < q.Depth && len(frontier) > 0; level++ {
		if err := store.ContextError(ctx); err != nil {
			return nil, nil, false, err
		}
		var next []string
		for _, u := range frontier {
			for _, n := range s.touching[u] {
				if !s.touches(&f, n, u) {
					continue
				}
				if v := s.other(n, u); !hasKey(dist, v) {
					dist[v] = level + 1
					next = append(next, v)
				}
			}
		}
		sort.Strings(next)
		order = append(order, next...)
		frontier = next
	}
	truncated := len(order) > q.Limit
	if truncated {
		for _, id := range order[q.Limit:] {
			delete(dist, id)
		}
		order = order[:q.Limit]
	}
	// The relations followed from an entity fewer than Depth hops away
	// whose both ends are kept; one seen from both ends is taken from its
	// subject's side.
	var rels []relNum
	for _, u := range order {
		if dist[u] >= q.Depth {
			continue
		}
		for _, n := range s.touching[u] {
			if !s.touches(&f, n, u) {
				continue
			}
			d, kept := dist[s.other(n, u)]
			if kept && (d >= q.Depth || s.rels[n].from.ID == u) {
				rels = append(rels, n)
			}
		}
	}
	sort.Slice(rels, func(i, j int) bool { return s.rels[rels[i]].id < s.rels[rels[j]].id })
	return order, s.relationsByNum(rels), truncated, nil
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
