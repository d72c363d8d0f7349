package memstore

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"kgraph/graph/store"
)

// TestNeighborhoodMatchesTheSharedWalk checks the embedded neighbourhood
// against the level-by-level walk every store shares, for many roots,
// depths, limits and filters: the same entities in the same order, the
// same relations and the same truncation.
func TestNeighborhoodMatchesTheSharedWalk(t *testing.T) {
	ctx := context.Background()
	s, d := syntheticStore(t, 400, 3)
	at := store.PartialDate{Year: 1900}
	queries := []store.NeighborhoodQuery{{Depth: 1, Limit: 1000}, {Depth: 2, Limit: 1000}, {Depth: 3, Limit: 50},
		{Depth: 2, Limit: 1000, Types: []string{"SIGNED", "ALLIED_WITH"}}, {Depth: 2, Limit: 1000, At: &at}}
	truncated := 0
	for i := 0; i < 200; i++ {
		q := queries[i%len(queries)]
		q.ID = d.Entities[(i*37)%len(d.Entities)].ID
		t.Run(fmt.Sprintf("%s-%d", q.ID, i%len(queries)), func(t *testing.T) {
			wantIDs, wantRels, wantCut, err := store.NeighborhoodIDs(ctx, q, s.adjacency(q.Filter()))
			if err != nil {
				t.Fatal(err)
			}
			gotIDs, gotRels, gotCut, err := s.neighborhood(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(gotIDs, wantIDs) || !slices.Equal(relationIDs(gotRels), relationIDs(wantRels)) || gotCut != wantCut {
				t.Fatalf("got %v %v %v, want %v %v %v", gotIDs, relationIDs(gotRels), gotCut, wantIDs, relationIDs(wantRels), wantCut)
			}
			if wantCut {
				truncated++
			}
		})
	}
	if truncated == 0 {
		t.Fatal("no neighbourhood was cut at its limit: the test does not cover truncation")
	}
}
