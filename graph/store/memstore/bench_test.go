package memstore_test

import (
	"context"
	"path/filepath"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
	"kgraph/graph/store/storetest"
)

// benchStore is an embedded store holding a synthetic graph of n entities
// with four relations each on average.
func benchStore(b *testing.B, n int) *memstore.Store {
	b.Helper()
	s, err := memstore.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := s.Apply(context.Background(), storetest.Synthetic(n, 4), store.ApplyOptions{}); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkSearch10k(b *testing.B) {
	s := benchStore(b, 10_000)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Search(ctx, store.SearchQuery{Text: "gra", First: 10}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearchManyCandidates is the comparison harness's name search
// on its default graph: the first words of the text begin a fifth of the
// names each, and "land" begins a word of every English label.
func BenchmarkSearchManyCandidates(b *testing.B) {
	s := benchStore(b, 5_000)
	ctx := context.Background()
	q := store.SearchQuery{Text: "federal united land 125", First: 10}
	b.ReportAllocs()
	for b.Loop() {
		hits, err := s.Search(ctx, q)
		if err != nil || len(hits) == 0 {
			b.Fatal(hits, err)
		}
	}
}

func BenchmarkNeighborhoodDepth2_10k(b *testing.B) {
	s := benchStore(b, 10_000)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.Neighborhood(ctx, store.NeighborhoodQuery{ID: "e000042", Depth: 2, Limit: 1000}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkShortestPath10k(b *testing.B) {
	s := benchStore(b, 10_000)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.ShortestPath(ctx, store.PathQuery{From: "e000001", To: "e009999", MaxDepth: 10}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRelationsAt10k(b *testing.B) {
	s := benchStore(b, 10_000)
	ctx := context.Background()
	at := store.PartialDate{Year: 1955}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.ListRelations(ctx, store.RelationQuery{At: &at, First: 100}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkApply10k measures loading a 10,000-entity, 40,000-relation graph
// into an empty store, durably.
func BenchmarkApply10k(b *testing.B) {
	d := storetest.Synthetic(10_000, 4)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		s, err := memstore.Open(filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.Apply(ctx, d, store.ApplyOptions{}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}

func BenchmarkChangesBetweenDepth2_10k(b *testing.B) {
	s := benchStore(b, 10_000)
	ctx := context.Background()
	q := store.ChangesQuery{From: store.PartialDate{Year: 1900}, To: store.PartialDate{Year: 1950}, Entity: "e000042", Depth: 2}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.ChangesBetween(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
}
