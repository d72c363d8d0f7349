package store

import (
	"context"
	"fmt"
	"testing"
)

// star returns an adjacency where every entity has fan relations to new
// entities, and calls onCall before answering each level.
func star(fan int, onCall func()) Adjacency {
	return func(ctx context.Context, ids []string) (map[string][]*Relation, error) {
		onCall()
		out := make(map[string][]*Relation, len(ids))
		for _, id := range ids {
			for i := range fan {
				out[id] = append(out[id], &Relation{ID: fmt.Sprintf("%s-%d", id, i), FromID: id, ToID: fmt.Sprintf("%s.%d", id, i)})
			}
		}
		return out, nil
	}
}

// TestTraversalsStopWhenTheContextEnds checks that a walk whose context ends
// while it runs stops with TIMEOUT inside the level it is on, instead of
// going on to the next level or returning a result nobody waits for.
func TestTraversalsStopWhenTheContextEnds(t *testing.T) {
	walks := map[string]func(context.Context, Adjacency) error{
		"neighborhood": func(ctx context.Context, adj Adjacency) error {
			_, _, _, err := NeighborhoodIDs(ctx, NeighborhoodQuery{ID: "root", Depth: 3, Limit: 10}, adj)
			return err
		},
		"shortest path": func(ctx context.Context, adj Adjacency) error {
			_, _, err := ShortestPathRelations(ctx, PathQuery{From: "root", To: "nowhere", MaxDepth: 3}, adj)
			return err
		},
	}
	for name, walk := range walks {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			calls := 0
			// The second level's answer arrives after the context ended:
			// walking its 1,000 entities must stop before the third level.
			adj := star(1000, func() {
				calls++
				if calls == 2 {
					cancel()
				}
			})
			err := walk(ctx, adj)
			if ErrorCode(err) != ETIMEOUT {
				t.Fatalf("err = %v, want %s", err, ETIMEOUT)
			}
			if calls != 2 {
				t.Fatalf("%d levels fetched, want the walk to stop on the second", calls)
			}
		})
	}
}

func TestContextError(t *testing.T) {
	if err := ContextError(context.Background()); err != nil {
		t.Fatalf("live context: %v", err)
	}
	expired, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	cancelled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	for _, ctx := range []context.Context{expired, cancelled} {
		if err := ContextError(ctx); ErrorCode(err) != ETIMEOUT {
			t.Fatalf("done context: %v, want %s", err, ETIMEOUT)
		}
	}
}
