package store

import (
	"context"
	"sort"
)

// The traversals below are the plain, level-by-level statement of the
// neighbourhood and shortest-path rules, over any store's RelationsOf.
// Stores answer with faster searches of their own (the embedded store's
// walks its adjacency lists and searches paths from both ends; Neo4j's
// runs one Cypher query), and their tests check them against these.

// Adjacency returns, for each of ids, the relations that touch it and pass
// the traversal's filter: a store's RelationsOf. It fetches one level of
// the graph per call.
type Adjacency func(ctx context.Context, ids []string) (map[string][]*Relation, error)

// NeighborhoodIDs walks out from root level by level (see NeighborhoodQuery)
// and returns the ids of the entities kept, nearest first then in id order,
// the relations among them in id order, and whether Limit cut entities off.
func NeighborhoodIDs(ctx context.Context, q NeighborhoodQuery, adj Adjacency) ([]string, []*Relation, bool, error) {
	dist := map[string]int{q.ID: 0}
	order := []string{q.ID}
	frontier := []string{q.ID}
	rels := map[string]*Relation{}
	for level := 0; level < q.Depth && len(frontier) > 0; level++ {
		edges, err := adj(ctx, frontier)
		if err != nil {
			return nil, nil, false, err
		}
		var next []string
		for i, u := range frontier {
			if err := checkEvery(ctx, i); err != nil {
				return nil, nil, false, err
			}
			for _, r := range edges[u] {
				rels[r.ID] = r
				if v := r.Other(u); !hasKey(dist, v) {
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
		order = order[:q.Limit]
	}
	kept := make(map[string]bool, len(order))
	for _, id := range order {
		kept[id] = true
	}
	var out []*Relation
	for _, r := range rels {
		if kept[r.FromID] && kept[r.ToID] {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return order, out, truncated, nil
}

// ShortestPathRelations finds the shortest path from q.From to q.To over
// relations followed in either direction, and among the shortest the one
// whose relation ids, read from q.From, sort first. It returns the entity
// ids and relations in path order, or nil when no path is within MaxDepth.
func ShortestPathRelations(ctx context.Context, q PathQuery, adj Adjacency) ([]string, []*Relation, error) {
	if q.From == q.To {
		return []string{q.From}, nil, nil
	}
	// Breadth-first from q.From until q.To is reached, keeping every edge
	// that leads one level further: together they hold every shortest path.
	dist := map[string]int{q.From: 0}
	forward := map[string][]*Relation{} // u -> relations to nodes one level further
	frontier := []string{q.From}
	found := false
	for level := 0; level < q.MaxDepth && len(frontier) > 0 && !found; level++ {
		edges, err := adj(ctx, frontier)
		if err != nil {
			return nil, nil, err
		}
		var next []string
		for i, u := range frontier {
			if err := checkEvery(ctx, i); err != nil {
				return nil, nil, err
			}
			for _, r := range edges[u] {
				v := r.Other(u)
				if !hasKey(dist, v) {
					dist[v] = level + 1
					next = append(next, v)
				}
				if dist[v] == level+1 {
					forward[u] = append(forward[u], r)
				}
				found = found || v == q.To
			}
		}
		frontier = next
	}
	if !found {
		return nil, nil, nil
	}
	// Mark the nodes from which q.To is reachable along forward edges.
	reaches := map[string]bool{q.To: true}
	byLevel := map[int][]string{}
	for id, d := range dist {
		byLevel[d] = append(byLevel[d], id)
	}
	for d := dist[q.To] - 1; d >= 0; d-- {
		for _, u := range byLevel[d] {
			for _, r := range forward[u] {
				if reaches[r.Other(u)] {
					reaches[u] = true
				}
			}
		}
	}
	// Walk from q.From, always taking the smallest relation id that stays
	// on a shortest path: that gives the path whose ids sort first.
	ids := []string{q.From}
	var path []*Relation
	for u := q.From; u != q.To; {
		var best *Relation
		for _, r := range forward[u] {
			if reaches[r.Other(u)] && (best == nil || r.ID < best.ID) {
				best = r
			}
		}
		path = append(path, best)
		u = best.Other(u)
		ids = append(ids, u)
	}
	return ids, path, nil
}

// checkEvery returns ContextError(ctx) on every checkInterval-th step i of
// a loop, so that a walk over a large graph stops soon after its deadline
// without paying for a check per node.
func checkEvery(ctx context.Context, i int) error {
	if i%checkInterval != 0 {
		return nil
	}
	return ContextError(ctx)
}

const checkInterval = 64

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
