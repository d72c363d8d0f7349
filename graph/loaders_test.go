package graph

import (
	"context"
	"slices"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/graphql"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
)

// recordingStore records the ids of each Entities call.
type recordingStore struct {
	store.Store
	inMemory bool
	mu       sync.Mutex
	calls    [][]string
}

func (s *recordingStore) AnswersInMemory() bool { return s.inMemory }

func (s *recordingStore) Entities(ctx context.Context, ids []string) ([]*store.Entity, error) {
	s.mu.Lock()
	s.calls = append(s.calls, slices.Clone(ids))
	s.mu.Unlock()
	return s.Store.Entities(ctx, ids)
}

// TestInMemoryStoresAreCalledDirectly checks that loaders for a store that
// answers in memory call it at once, one call per load with the keys asked,
// and that other stores get batching loaders.
func TestInMemoryStoresAreCalledDirectly(t *testing.T) {
	ctx := context.Background()
	s := &recordingStore{Store: memstoretest.Seeded(t), inMemory: true}
	l := NewLoaders(ctx, s)

	e, err := l.entities.Load(ctx, "croatia")
	if err != nil || e == nil || e.ID != "croatia" {
		t.Fatalf("Load(croatia) = %v, %v", e, err)
	}
	all, err := l.entities.LoadAll(ctx, []string{"serbia", "no-such-entity", "croatia"})
	if err != nil || len(all) != 3 || all[0].ID != "serbia" || all[1] != nil || all[2].ID != "croatia" {
		t.Fatalf("LoadAll = %v, %v", all, err)
	}
	want := [][]string{{"croatia"}, {"serbia", "no-such-entity", "croatia"}}
	if !slices.EqualFunc(s.calls, want, slices.Equal[[]string]) {
		t.Fatalf("store calls %v, want %v", s.calls, want)
	}

	f := store.RelationFilter{Direction: store.DirectionOut}
	rels, err := l.relationsOf(ctx, "croatia", f)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := s.RelationsOf(ctx, []string{"croatia"}, f)
	relationID := func(r *store.Relation) string { return r.ID }
	if err != nil || len(rels) == 0 || !slices.Equal(mapSlice(rels, relationID), mapSlice(direct["croatia"], relationID)) {
		t.Fatalf("relationsOf = %d relations, the store's %d (%v)", len(rels), len(direct["croatia"]), err)
	}

}

// TestNetworkStoresAreBatchedWithinLists checks that the loaders of a store
// across a network gather the lookups that the items of a list make into
// one call, and call at once for a lookup made outside any list, which has
// nothing to share a batch with.
func TestNetworkStoresAreBatchedWithinLists(t *testing.T) {
	ctx := context.Background()
	s := &recordingStore{Store: memstoretest.Seeded(t)}
	l := NewLoaders(ctx, s)

	// The items of a list look up three entities while a field outside any
	// list looks up a fourth, all at the same time.
	ids := []string{"croatia", "serbia", "soviet-union"}
	const loner = "sfr-yugoslavia"
	var wg sync.WaitGroup
	load := func(ctx context.Context, id string) {
		defer wg.Done()
		if e, err := l.entities.Load(graphql.WithFieldContext(ctx, &graphql.FieldContext{}), id); err != nil || e == nil || e.ID != id {
			t.Errorf("Load(%s) = %v, %v", id, e, err)
		}
	}
	for i, id := range ids {
		wg.Add(1)
		go load(graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i}), id)
	}
	wg.Add(1)
	go load(ctx, loner)
	wg.Wait()

	var listCalls int
	for _, call := range s.calls {
		if slices.Contains(call, loner) {
			if len(call) != 1 {
				t.Errorf("the lookup outside any list waited for a batch: call %v", call)
			}
			continue
		}
		listCalls++
	}
	if listCalls == 0 || listCalls >= len(ids) {
		t.Errorf("the list's %d lookups made %d calls (%v), want them batched", len(ids), listCalls, s.calls)
	}
}

func mapSlice[T, U any](xs []T, f func(T) U) []U {
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}
