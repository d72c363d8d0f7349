package history_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kgraph/graph/store"
	"kgraph/graph/store/history"
	"kgraph/graph/store/memstore/memstoretest"
)

// counting counts the whole-graph exports a Reader asks for, and fails
// the next ones while failing is set.
type counting struct {
	store.Store
	exports atomic.Int64
	failing atomic.Bool
}

func (c *counting) Export(ctx context.Context) (*store.Dataset, error) {
	c.exports.Add(1)
	if c.failing.Load() {
		return nil, errors.New("disk on fire")
	}
	return c.Store.Export(ctx)
}

// edited is the seed (change 1) with two more changes to croatia's label.
func edited(t *testing.T) *counting {
	t.Helper()
	s := memstoretest.Seeded(t)
	for i, label := range []string{"Croatia, second", "Croatia, third"} {
		es, err := s.Entities(context.Background(), []string{"croatia"})
		if err != nil {
			t.Fatal(err)
		}
		e := *es[0]
		e.Labels = store.Texts{{Lang: "en", Text: label}}
		if _, err := s.Write(context.Background(), &store.Edit{Actor: "ed", Action: "updateEntity",
			Put: store.Dataset{Entities: []store.Entity{e}}, Expect: map[string]int64{"croatia": int64(i + 1)}}); err != nil {
			t.Fatal(err)
		}
	}
	return &counting{Store: s}
}

func label(t *testing.T, g store.Store) string {
	t.Helper()
	es, err := g.Entities(context.Background(), []string{"croatia"})
	if err != nil || es[0] == nil {
		t.Fatalf("croatia: %v %v", es, err)
	}
	return es[0].Labels.Pick("en")
}

// TestAtCachesRecentMoments checks each moment is built once while it is
// among the most recently read, and built again once evicted.
func TestAtCachesRecentMoments(t *testing.T) {
	s := edited(t)
	r := history.New(s, 2)
	ctx := context.Background()
	steps := []struct {
		seq     int64
		label   string
		exports int64 // builds so far
	}{
		{1, "Croatia", 1},
		{1, "Croatia", 1},
		{2, "Croatia, second", 2},
		{1, "Croatia", 2},
		{3, "Croatia, third", 3}, // evicts 2, the least recently read
		{1, "Croatia", 3},
		{2, "Croatia, second", 4},
	}
	for _, step := range steps {
		g, err := r.At(ctx, store.AsOf{Seq: step.seq})
		if err != nil {
			t.Fatal(err)
		}
		if got := label(t, g); got != step.label {
			t.Fatalf("label as of %d = %q, want %q", step.seq, got, step.label)
		}
		if got := s.exports.Load(); got != step.exports {
			t.Fatalf("after reading as of %d: %d builds, want %d", step.seq, got, step.exports)
		}
	}
}

// TestAtBuildsOnceForConcurrentReads checks that reads of one moment at
// once share one build.
func TestAtBuildsOnceForConcurrentReads(t *testing.T) {
	s := edited(t)
	r := history.New(s, 2)
	const readers = 8
	got := make([]store.Store, readers)
	var wg sync.WaitGroup
	for i := range readers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g, err := r.At(context.Background(), store.AsOf{Seq: 2})
			if err != nil {
				t.Error(err)
			}
			got[i] = g
		}()
	}
	wg.Wait()
	if n := s.exports.Load(); n != 1 {
		t.Fatalf("%d concurrent reads of one moment built it %d times", readers, n)
	}
	for _, g := range got[1:] {
		if g != got[0] {
			t.Fatal("concurrent reads of one moment got different snapshots")
		}
	}
}

// TestAtRetriesAFailedBuild checks a failure is reported, not cached.
func TestAtRetriesAFailedBuild(t *testing.T) {
	s := edited(t)
	r := history.New(s, 2)
	s.failing.Store(true)
	if _, err := r.At(context.Background(), store.AsOf{Seq: 1}); err == nil {
		t.Fatal("a failed build reported no error")
	}
	s.failing.Store(false)
	g, err := r.At(context.Background(), store.AsOf{Seq: 1})
	if err != nil {
		t.Fatalf("the read after a failed build: %v", err)
	}
	if got := label(t, g); got != "Croatia" {
		t.Fatalf("label = %q", got)
	}
}

// TestAtRefusesBadMoments checks the moments that name no change.
func TestAtRefusesBadMoments(t *testing.T) {
	r := history.New(edited(t), 2)
	for _, tt := range []struct {
		asOf store.AsOf
		code string
	}{
		{store.AsOf{Seq: 4}, store.ENOTFOUND},
		{store.AsOf{Seq: 1 << 62}, store.ENOTFOUND},
		{store.AsOf{Seq: -1}, store.EINVALID},
	} {
		_, err := r.At(context.Background(), tt.asOf)
		if code := store.ErrorCode(err); code != tt.code {
			t.Errorf("At(%+v) = %v, want %s", tt.asOf, err, tt.code)
		}
	}
}

// logOnly hides the store's TimeIndex, so that times are resolved by
// reading the log.
type logOnly struct{ store.Store }

// TestTimesResolveAlikeWithAndWithoutAnIndex checks that a store's
// TimeIndex finds the same moment as reading the log does, at and around
// the time of every change.
func TestTimesResolveAlikeWithAndWithoutAnIndex(t *testing.T) {
	s := edited(t)
	if _, ok := s.Store.(history.TimeIndex); !ok {
		t.Fatal("the embedded store has no TimeIndex")
	}
	ctx := context.Background()
	page, err := s.Changes(ctx, store.ChangeQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var times []time.Time
	for _, c := range page.Changes {
		times = append(times, c.At.Add(-time.Nanosecond), c.At, c.At.Add(time.Nanosecond))
	}
	times = append(times, time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), time.Now().Add(time.Hour))
	indexed, read := history.New(s.Store, 1), history.New(logOnly{s.Store}, 1)
	for _, at := range times {
		a, err := indexed.At(ctx, store.AsOf{Time: at})
		if err != nil {
			t.Fatal(err)
		}
		b, err := read.At(ctx, store.AsOf{Time: at})
		if err != nil {
			t.Fatal(err)
		}
		da, _ := a.Export(ctx)
		db, _ := b.Export(ctx)
		if string(store.MustJSON(da)) != string(store.MustJSON(db)) {
			t.Fatalf("as of %v, the indexed and the read moments differ", at)
		}
	}
}
