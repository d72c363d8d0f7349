package neo4jstore_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/neo4jstore"
	"kgraph/graph/store/neo4jstore/neo4jtest"
	"kgraph/graph/store/storetest"
)

// The benchmarks run the store's operations on a synthetic graph of
// benchEntities entities and about four relations each, loaded once per
// process (loading takes longer than the benchmarks). Run them with
//
//	go test ./graph/store/neo4jstore -run '^$' -bench . -benchmem -count 6 | tee new.txt
//
// and compare two runs with benchstat.
const benchEntities = 5000

var bench struct {
	once sync.Once
	s    *neo4jstore.Store
	far  [2]string // two entities four hops apart
	// revision numbers the edits of BenchmarkWriteUpdateEntity.
	revision int
	err      error
}

// benchStore returns the store holding the synthetic graph.
func benchStore(b *testing.B) *neo4jstore.Store {
	b.Helper()
	bench.once.Do(func() {
		d := storetest.Synthetic(benchEntities, 4)
		// Opened without a cleanup: the store outlives the first benchmark.
		bench.s, bench.err = neo4jstore.Open(context.Background(), neo4jstore.Config(neo4jtest.Reset(b)))
		if bench.err == nil {
			_, bench.err = bench.s.Apply(context.Background(), d, store.ApplyOptions{})
		}
		bench.far = fourHopsApart(d)
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	b.ReportAllocs()
	return bench.s
}

// fourHopsApart returns the first entity and the first entity, in id
// order, four hops away from it (relations followed either way).
func fourHopsApart(d *store.Dataset) [2]string {
	adj := map[string][]string{}
	for _, r := range d.Relations {
		adj[r.FromID] = append(adj[r.FromID], r.ToID)
		adj[r.ToID] = append(adj[r.ToID], r.FromID)
	}
	from := d.Entities[0].ID
	dist := map[string]int{from: 0}
	frontier := []string{from}
	for level := 1; level <= 4; level++ {
		var next []string
		for _, u := range frontier {
			for _, v := range adj[u] {
				if _, seen := dist[v]; !seen {
					dist[v] = level
					next = append(next, v)
				}
			}
		}
		frontier = next
	}
	slices.Sort(frontier)
	return [2]string{from, frontier[0]}
}

func BenchmarkEntity(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		if es, err := s.Entities(b.Context(), []string{"e000042"}); err != nil || es[0] == nil {
			b.Fatal(es, err)
		}
	}
}

func BenchmarkRelationsOut(b *testing.B) {
	s := benchStore(b)
	f := store.RelationFilter{Direction: store.DirectionOut}
	for b.Loop() {
		if _, err := s.RelationsOf(b.Context(), []string{"e000042"}, f); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNeighborhoodDepth2(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		if _, err := s.Neighborhood(b.Context(), store.NeighborhoodQuery{ID: "e000042", Depth: 2}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkNeighborhoodDepth4(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		if _, err := s.Neighborhood(b.Context(), store.NeighborhoodQuery{ID: "e000042", Depth: 4, Limit: store.MaxNeighborhoodLimit}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkShortestPath4Hops(b *testing.B) {
	s := benchStore(b)
	q := store.PathQuery{From: bench.far[0], To: bench.far[1]}
	for b.Loop() {
		if p, err := s.ShortestPath(b.Context(), q); err != nil || p == nil || p.Length() != 4 {
			b.Fatal(p, err)
		}
	}
}

func BenchmarkSearchPrefix(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		if hits, err := s.Search(b.Context(), store.SearchQuery{Text: "grand uni", First: 10}); err != nil || len(hits) == 0 {
			b.Fatal(hits, err)
		}
	}
}

// BenchmarkWriteUpdateEntity commits one edit per iteration: the lock,
// the reads of what the edit names, the write, its metas and its change.
func BenchmarkWriteUpdateEntity(b *testing.B) {
	s := benchStore(b)
	es, err := s.Entities(b.Context(), []string{"e000042"})
	if err != nil || es[0] == nil {
		b.Fatal(es, err)
	}
	e := *es[0]
	for b.Loop() {
		bench.revision++ // across runs too, so that each edit changes the entity
		e.Descriptions = store.Texts{{Lang: "en", Text: fmt.Sprintf("Revision %d", bench.revision)}}
		c, err := s.Write(b.Context(), &store.Edit{Actor: "bench", Action: "updateEntity", Put: store.Dataset{Entities: []store.Entity{e}}})
		if err != nil || c.Seq == 0 {
			b.Fatal(c, err)
		}
	}
}

func BenchmarkMetas(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		if ms, err := s.Metas(b.Context(), []string{"e000042", "e000043"}); err != nil || ms[0] == nil {
			b.Fatal(ms, err)
		}
	}
}

func BenchmarkChangesOfEntity(b *testing.B) {
	s := benchStore(b)
	for b.Loop() {
		if _, err := s.Changes(b.Context(), store.ChangeQuery{Entity: "e000042", First: 20}); err != nil {
			b.Fatal(err)
		}
	}
}
