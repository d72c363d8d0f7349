package main

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"kgraph/bench/internal/mix"
	"kgraph/graph/store"
)

// pickArgs chooses the mix's arguments from the dataset, so that every
// system's answer is well defined and worth comparing: an entity with a
// few outgoing relations and a neighbourhood within the limit; two
// entities 4 hops apart joined by exactly one shortest path (the systems
// break ties between equal paths differently, and the floor and
// @neo4j/graphql by no stated rule); and a name prefix whose matches are
// the same under kgraph's word-prefix search and a plain STARTS WITH, and
// fewer than the search limit.
func pickArgs(d *store.Dataset) (mix.Args, error) {
	g := newGraph(d)
	var a mix.Args
	n := len(d.Entities)
	for k := 0; k < n && a.Entity == ""; k++ {
		i := (n/3 + k) % n
		if out := g.outgoingDirected(i); out >= 4 && out <= 40 {
			if size := len(g.within(i, 2)); size >= 20 && size <= 1000 {
				a.Entity = d.Entities[i].ID
			}
		}
	}
	for k := 0; k < n && a.To == ""; k++ {
		from := (n/2 + k) % n
		if to, ok := g.uniquePathEnd(from, 4); ok {
			a.From, a.To = d.Entities[from].ID, d.Entities[to].ID
		}
	}
	keys := make(map[string][]store.SearchKey, n)
	entities := make([]*store.Entity, n)
	for i := range d.Entities {
		entities[i] = &d.Entities[i]
		keys[entities[i].ID] = store.SearchKeys(entities[i])
	}
	for k := 0; k < n && a.Prefix == ""; k++ {
		name := d.Entities[(n/4+k)%n].Labels.Pick("en")
		prefix := name[:len(name)-1]
		if strings.HasSuffix(prefix, " ") {
			continue
		}
		hits := store.RankSearch(entities, store.SearchQuery{Text: prefix, First: mix.SearchLimit}, func(e *store.Entity) []store.SearchKey { return keys[e.ID] })
		found := make([]string, len(hits))
		for i, e := range hits {
			found[i] = e.ID
		}
		if len(found) > 0 && len(found) < mix.SearchLimit && slices.Equal(mix.IDs(found), startingWith(d, prefix)) {
			a.Prefix = prefix
		}
	}
	if a.Entity == "" || a.To == "" || a.Prefix == "" {
		return a, fmt.Errorf("the graph is too small or too sparse to pick the mix's arguments from (picked %+v)", a)
	}
	return a, nil
}

// startingWith is the ids of the entities whose English name starts with prefix.
func startingWith(d *store.Dataset, prefix string) []string {
	var out []string
	for i := range d.Entities {
		if strings.HasPrefix(d.Entities[i].Labels.Pick("en"), prefix) {
			out = append(out, d.Entities[i].ID)
		}
	}
	return mix.IDs(out)
}

// graph is the dataset's relations as adjacency lists of entity indexes.
type graph struct {
	d        *store.Dataset
	adj      [][]int // entity -> neighbours, one per relation (either way)
	directed []int   // entity -> outgoing relations of mix.DirectedTypes
}

func newGraph(d *store.Dataset) *graph {
	index := make(map[string]int, len(d.Entities))
	for i, e := range d.Entities {
		index[e.ID] = i
	}
	g := &graph{d: d, adj: make([][]int, len(d.Entities)), directed: make([]int, len(d.Entities))}
	for _, r := range d.Relations {
		from, to := index[r.FromID], index[r.ToID]
		g.adj[from] = append(g.adj[from], to)
		g.adj[to] = append(g.adj[to], from)
		if slices.Contains(mix.DirectedTypes, r.Type) {
			g.directed[from]++
		}
	}
	return g
}

func (g *graph) outgoingDirected(i int) int { return g.directed[i] }

// levels runs a breadth-first search from root to depth and returns each
// reached entity's distance and its number of shortest paths (counted as
// sequences of relations).
func (g *graph) levels(root, depth int) (dist, paths map[int]int) {
	dist, paths = map[int]int{root: 0}, map[int]int{root: 1}
	frontier := []int{root}
	for level := 1; level <= depth && len(frontier) > 0; level++ {
		var next []int
		for _, u := range frontier {
			for _, v := range g.adj[u] {
				if _, seen := dist[v]; !seen {
					dist[v] = level
					next = append(next, v)
				}
				if dist[v] == level {
					paths[v] += paths[u]
				}
			}
		}
		frontier = next
	}
	return dist, paths
}

// within is the entities at most depth hops from root.
func (g *graph) within(root, depth int) map[int]int {
	dist, _ := g.levels(root, depth)
	return dist
}

// uniquePathEnd finds an entity exactly hops away from root along exactly
// one shortest path; the first in index order.
func (g *graph) uniquePathEnd(root, hops int) (int, bool) {
	dist, paths := g.levels(root, hops)
	var ends []int
	for v, d := range dist {
		if d == hops && paths[v] == 1 {
			ends = append(ends, v)
		}
	}
	if len(ends) == 0 {
		return 0, false
	}
	sort.Ints(ends)
	return ends[0], true
}
