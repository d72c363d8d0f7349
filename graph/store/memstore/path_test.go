package memstore

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/synthetic"
)

// TestTwoEndedSearchFindsTheCanonicalPath checks the two-ended search
// against the one-ended search every store shares, on many pairs of a
// generated graph, with and without type and date filters: the same path,
// or none, every time.
func TestTwoEndedSearchFindsTheCanonicalPath(t *testing.T) {
	ctx := context.Background()
	s, d := syntheticStore(t, 400, 2)
	at := store.PartialDate{Year: 1900}
	queries := []store.PathQuery{{MaxDepth: 10}, {MaxDepth: 3}, {MaxDepth: 10, Types: []string{d.Vocabulary.RelationTypes[0].ID}}, {MaxDepth: 10, At: &at}}
	rng := rand.New(rand.NewPCG(1, 2))
	found := 0
	for i := 0; i < 400; i++ {
		q := queries[i%len(queries)]
		q.From, q.To = d.Entities[rng.IntN(len(d.Entities))].ID, d.Entities[rng.IntN(len(d.Entities))].ID
		t.Run(fmt.Sprintf("%s-%s-%d", q.From, q.To, i%len(queries)), func(t *testing.T) {
			wantIDs, wantRels, err := store.ShortestPathRelations(ctx, q, s.adjacency(q.Filter()))
			if err != nil {
				t.Fatal(err)
			}
			gotIDs, gotRels, err := s.shortestPath(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(gotIDs, wantIDs) || !slices.Equal(relationIDs(gotRels), relationIDs(wantRels)) {
				t.Fatalf("got %v %v, want %v %v", gotIDs, relationIDs(gotRels), wantIDs, relationIDs(wantRels))
			}
			if len(wantRels) > 1 {
				found++
			}
		})
	}
	if found < 100 {
		t.Fatalf("only %d of the pairs had a path of two or more hops: the test graph is too sparse to tell", found)
	}
}

// adjacency serves the traversals every store shares from memory, as the
// reference the embedded traversals are checked against.
func (s *Store) adjacency(f store.RelationFilter) store.Adjacency {
	return func(ctx context.Context, ids []string) (map[string][]*store.Relation, error) {
		return s.relationsOf(ids, f), ctx.Err()
	}
}

// syntheticStore is a store in a temporary file holding synthetic.Dataset(n, degree).
func syntheticStore(t *testing.T, n, degree int) (*Store, *store.Dataset) {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "graph.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	d := synthetic.Dataset(n, degree)
	if _, err := s.Apply(context.Background(), d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	return s, d
}

func relationIDs(rels []*store.Relation) []string {
	ids := make([]string, len(rels))
	for i, r := range rels {
		ids[i] = r.ID
	}
	return ids
}
