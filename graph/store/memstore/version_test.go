package memstore_test

import (
	"context"
	"path/filepath"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
)

// TestVersionSurvivesRestart checks the version is kept with the data: a
// reopened file answers the version it had, and a new file never repeats
// another's.
func TestVersionSurvivesRestart(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "graph.db")
	version := func(s *memstore.Store) string {
		t.Helper()
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	s, err := memstore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	d := &store.Dataset{
		Vocabulary: store.Vocabulary{EntityKinds: []store.EntityKind{{ID: "city", Labels: store.Texts{{Lang: "en", Text: "City"}}}}},
		Entities:   []store.Entity{{ID: "rome", Kind: "city", Labels: store.Texts{{Lang: "en", Text: "Rome"}}}},
	}
	if _, err := s.Apply(ctx, d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	before := version(s)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = memstore.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if after := version(s); after != before {
		t.Fatalf("version after reopening = %q, want %q", after, before)
	}
	other, err := memstore.Open(filepath.Join(t.TempDir(), "graph.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.Apply(ctx, d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	if v := version(other); v == before {
		t.Fatalf("a new data file with the same content repeats the version %q", v)
	}
}
