// Package memstoretest gives tests an embedded store in a temporary file,
// empty or holding the seed, closed when the test ends.
package memstoretest

import (
	"context"
	"path/filepath"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
	"kgraph/seed"
)

// Open returns an empty embedded store in a temporary file.
func Open(t testing.TB) *memstore.Store {
	t.Helper()
	s, err := memstore.Open(filepath.Join(t.TempDir(), "graph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Seeded returns an embedded store holding the seed, as the server has it
// after its first start.
func Seeded(t testing.TB) *memstore.Store {
	t.Helper()
	s := Open(t)
	d, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(context.Background(), d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	return s
}
