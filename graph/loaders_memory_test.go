package graph

import (
	"context"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
	"kgraph/graph/store/readcache"
)

// peekingStore is a read cache whose batch lookups are recorded: a lookup
// answered by a Peek method never reaches them.
type peekingStore struct {
	*readcache.Store
	recorded *recordingStore
}

func (s peekingStore) Entities(ctx context.Context, ids []string) ([]*store.Entity, error) {
	return s.recorded.Entities(ctx, ids)
}

// TestCachedLookupsSkipTheBatchingWindow checks that the loaders of a store
// with answers in memory (the read cache in front of Neo4j) take a cached
// entity or relation list from memory, without a batched store call, and
// still batch what is not cached.
func TestCachedLookupsSkipTheBatchingWindow(t *testing.T) {
	ctx := context.Background()
	cache := readcache.New(memstoretest.Seeded(t), readcache.Options{})
	s := peekingStore{Store: cache, recorded: &recordingStore{Store: cache}}

	l := NewLoaders(ctx, s)
	if e, err := l.entities.Load(ctx, "croatia"); err != nil || e == nil || e.ID != "croatia" {
		t.Fatalf("first Load(croatia) = %v, %v", e, err)
	}
	if len(s.recorded.calls) != 1 {
		t.Fatalf("an uncached entity made %d batched calls, want 1", len(s.recorded.calls))
	}

	l = NewLoaders(ctx, s) // the next request
	all, err := l.entities.LoadAll(ctx, []string{"croatia"})
	if err != nil || len(all) != 1 || all[0] == nil || all[0].ID != "croatia" {
		t.Fatalf("cached LoadAll = %v, %v", all, err)
	}
	if len(s.recorded.calls) != 1 {
		t.Fatalf("a cached entity made a batched call: %v", s.recorded.calls)
	}
	if _, err := l.entities.LoadAll(ctx, []string{"croatia", "serbia"}); err != nil {
		t.Fatal(err)
	}
	if len(s.recorded.calls) != 2 {
		t.Fatalf("a lookup with an uncached entity made %d batched calls in all, want 2", len(s.recorded.calls))
	}

	f := store.RelationFilter{Direction: store.DirectionOut}
	want, err := l.relationsOf(ctx, "croatia", f)
	if err != nil || len(want) == 0 {
		t.Fatalf("relationsOf(croatia) = %v, %v", want, err)
	}
	got, ok := cache.PeekRelationsOf(ctx, "croatia", f)
	if !ok || len(got) != len(want) {
		t.Fatalf("PeekRelationsOf after a load = %d relations, %v; want %d", len(got), ok, len(want))
	}

	withBookmarks, _ := store.WithBookmarks(ctx, []string{"bookmark"})
	if _, ok := cache.PeekEntities(withBookmarks, []string{"croatia"}); ok {
		t.Error("a request with bookmarks was answered from memory")
	}
}
