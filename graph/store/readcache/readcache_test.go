package readcache_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
	"kgraph/graph/store/readcache"
	"kgraph/graph/store/storetest"
)

// TestConformance: the cache changes no answer.
func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store { return readcache.New(open(t), readcache.Options{}) })
}

func open(t *testing.T) *memstore.Store {
	s, err := memstore.Open(filepath.Join(t.TempDir(), "graph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// counting counts the reads that reach the store.
type counting struct {
	store.Store
	entities, versions atomic.Int64
}

func (c *counting) Entities(ctx context.Context, ids []string) ([]*store.Entity, error) {
	c.entities.Add(int64(len(ids)))
	return c.Store.Entities(ctx, ids)
}

func (c *counting) Version(ctx context.Context) (string, error) {
	c.versions.Add(1)
	return c.Store.Version(ctx)
}

// clock is a clock the test moves.
type clock struct{ now atomic.Int64 }

func (c *clock) Now() time.Time          { return time.Unix(0, c.now.Load()) }
func (c *clock) advance(d time.Duration) { c.now.Add(int64(d)) }

func label(t *testing.T, s store.Store, ctx context.Context, id string) string {
	t.Helper()
	got, err := s.Entities(ctx, []string{id})
	if err != nil {
		t.Fatal(err)
	}
	if got[0] == nil {
		return ""
	}
	return got[0].Labels.Pick("en")
}

func rename(t *testing.T, s store.Store, e store.Entity, name string) {
	t.Helper()
	e.Labels = store.Texts{{Lang: "en", Text: name}}
	if _, err := s.Apply(context.Background(), &store.Dataset{Entities: []store.Entity{e}}, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
}

// TestReplicas runs two caches over one store, as two service replicas
// over one Neo4j: a write through one is seen by the other's reads once
// its interval has passed, at once by a read that carries bookmarks, and
// by the writer at once.
func TestReplicas(t *testing.T) {
	ctx := context.Background()
	inner := &counting{Store: open(t)}
	d := storetest.Synthetic(20, 2)
	if _, err := inner.Apply(ctx, d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	e := d.Entities[0]
	var clk clock
	opts := readcache.Options{Interval: time.Second, Now: clk.Now}
	a, b := readcache.New(inner, opts), readcache.New(inner, opts)
	before := label(t, b, ctx, e.ID)
	reads := inner.entities.Load()
	if label(t, b, ctx, e.ID) != before || inner.entities.Load() != reads {
		t.Fatalf("a second read of %s reached the store", e.ID)
	}
	rename(t, a, e, "Renamed once")
	if got := label(t, a, ctx, e.ID); got != "Renamed once" {
		t.Errorf("the writer reads %q after its own write", got)
	}
	if got := label(t, b, ctx, e.ID); got != before {
		t.Errorf("within the interval the other replica reads %q, want its cached %q", got, before)
	}
	withBookmarks, _ := store.WithBookmarks(ctx, []string{"bookmark"})
	if got := label(t, b, withBookmarks, e.ID); got != "Renamed once" {
		t.Errorf("a read with bookmarks got %q", got)
	}
	clk.advance(time.Second)
	if got := label(t, b, ctx, e.ID); got != "Renamed once" {
		t.Errorf("after the interval the other replica reads %q", got)
	}
	versions := inner.versions.Load()
	for range 10 {
		label(t, b, ctx, e.ID)
	}
	if n := inner.versions.Load() - versions; n != 0 {
		t.Errorf("%d version reads within one interval, want 0", n)
	}
}

// TestBudget: answers beyond the budget push the oldest out, and an
// answer larger than the whole budget is not kept.
func TestBudget(t *testing.T) {
	ctx := context.Background()
	inner := &counting{Store: open(t)}
	d := storetest.Synthetic(20, 2)
	if _, err := inner.Apply(ctx, d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	c := readcache.New(inner, readcache.Options{Budget: 3})
	ids := []string{d.Entities[0].ID, d.Entities[1].ID, d.Entities[2].ID, d.Entities[3].ID}
	for _, id := range ids {
		label(t, c, ctx, id)
	}
	reads := inner.entities.Load()
	label(t, c, ctx, ids[3]) // kept
	if inner.entities.Load() != reads {
		t.Error("the newest answer was not kept")
	}
	label(t, c, ctx, ids[0]) // pushed out
	if inner.entities.Load() != reads+1 {
		t.Error("the oldest answer was kept past the budget")
	}
}
