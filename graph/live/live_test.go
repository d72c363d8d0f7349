package live_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"kgraph/graph/live"
	"kgraph/graph/live/livetest"
	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
)

// create writes a new entity through s, as a mutation does.
func create(t *testing.T, s store.Store, id string) {
	t.Helper()
	e := &store.Edit{Actor: "test", Action: "createEntity", Expect: map[string]int64{id: 0}, Put: store.Dataset{Entities: []store.Entity{{
		ID: id, Kind: "event", Labels: store.Texts{{Lang: "en", Text: id}}, Sources: []store.Citation{{Source: "reference-names"}},
	}}}}
	if _, err := s.Write(context.Background(), e); err != nil {
		t.Fatal(err)
	}
}

func receive(t *testing.T, sub *live.Subscription) (*store.Change, bool) {
	t.Helper()
	select {
	case c, ok := <-sub.Changes():
		return c, ok
	case <-time.After(5 * time.Second):
		t.Fatal("nothing within 5s")
	}
	return nil, false
}

// TestFollowsFromTheEnd: a subscriber gets the changes committed after
// the follower started, in commit order, and none from before.
func TestFollowsFromTheEnd(t *testing.T) {
	s := memstoretest.Seeded(t)
	create(t, s, "before-start")
	f, _ := livetest.Run(t, s, live.Options{})
	sub := f.Subscribe(context.Background(), "")
	create(t, s, "after-start-1")
	create(t, s, "after-start-2")
	for _, want := range []string{"after-start-1", "after-start-2"} {
		c, ok := receive(t, sub)
		if !ok || c.Elements[0].ID != want {
			t.Fatalf("got %+v, want %s", c, want)
		}
	}
}

// TestSlowSubscriberIsEnded: a subscriber that lets its buffer fill is
// ended with an error that says so, and the others go on.
func TestSlowSubscriberIsEnded(t *testing.T) {
	s := memstoretest.Seeded(t)
	f, _ := livetest.Run(t, s, live.Options{Buffer: 2})
	slow := f.Subscribe(context.Background(), "")
	fast := f.Subscribe(context.Background(), "")
	for i, id := range []string{"slow-1", "slow-2", "slow-3", "slow-4"} {
		create(t, s, id)
		if c, ok := receive(t, fast); !ok || c.Elements[0].ID != id {
			t.Fatalf("change %d: %+v", i, c)
		}
	}
	n := 0
	for range slow.Changes() {
		n++
	}
	if err := slow.Err(); n != 2 || store.ErrorCode(err) != store.EUNAVAILABLE || !strings.Contains(err.Error(), "fell 2 changes behind") {
		t.Fatalf("the slow subscriber got %d changes and ended with %v", n, err)
	}
	if f.Subscribers() != 1 {
		t.Fatalf("%d subscribers, want the fast one", f.Subscribers())
	}
}

// TestStopEndsSubscriptions: a stopping follower ends every subscription
// saying so; one whose context ends ends without an error.
func TestStopEndsSubscriptions(t *testing.T) {
	s := memstoretest.Seeded(t)
	f, stop := livetest.Run(t, s, live.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	left := f.Subscribe(ctx, "")
	cancel()
	if _, ok := receive(t, left); ok || left.Err() != nil {
		t.Fatalf("a subscription whose context ended: %v", left.Err())
	}
	stopped := f.Subscribe(context.Background(), "")
	stop()
	if _, ok := receive(t, stopped); ok || stopped.Err() != live.ErrStopped {
		t.Fatalf("a subscription of a stopped follower: %v", stopped.Err())
	}
	if late := f.Subscribe(context.Background(), ""); late.Err() != live.ErrStopped {
		t.Fatalf("a subscription after the stop: %v", late.Err())
	}
}
