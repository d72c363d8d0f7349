package memstore

import (
	"context"
	"slices"
	"strings"
	"testing"

	"kgraph/graph/store"
)

// TestIndexedSearchFindsWhatAFullScanFinds compares the search through the
// name index with ranking every entity, for queries of one word prefix to
// whole names, in every script of the generated graph, before and after
// entities are renamed.
func TestIndexedSearchFindsWhatAFullScanFinds(t *testing.T) {
	ctx := context.Background()
	s, d := syntheticStore(t, 300, 1)
	compare := func(t *testing.T) {
		keys := map[*store.Entity][]store.SearchKey{}
		for _, e := range s.entities {
			keys[e] = store.SearchKeys(e)
		}
		searched := 0
		for _, e := range s.entities[:60] {
			for _, l := range e.Labels {
				words := strings.Fields(l.Text)
				first := []rune(words[0])
				for _, text := range []string{string(first[:1]), string(first[:min(2, len(first))]), string(first[:min(3, len(first))]), l.Text, words[len(words)-1] + " " + words[0]} {
					q := store.SearchQuery{Text: text, First: store.MaxSearchSize}
					got, err := s.Search(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					want := store.RankSearch(s.entities, q, func(e *store.Entity) []store.SearchKey { return keys[e] })
					if !slices.Equal(entityIDs(got), entityIDs(want)) {
						t.Fatalf("search %q: %v, a full scan finds %v", text, entityIDs(got), entityIDs(want))
					}
					searched++
				}
			}
		}
		if searched < 300 {
			t.Fatalf("only %d searches", searched)
		}
	}
	t.Run("as imported", compare)

	renamed := slices.Clone(d.Entities[:100])
	for i := range renamed {
		renamed[i].Labels = store.Texts{{Lang: "en", Text: "zzyx renamed " + renamed[i].ID}}
	}
	if _, err := s.Apply(ctx, &store.Dataset{Entities: renamed}, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	t.Run("after renaming", compare)
	if hits, _ := s.Search(ctx, store.SearchQuery{Text: d.Entities[0].Labels.Pick("en")}); slices.Contains(entityIDs(hits), d.Entities[0].ID) {
		t.Fatalf("a renamed entity is still found under its old name")
	}
}

func entityIDs(es []*store.Entity) []string {
	ids := make([]string, len(es))
	for i, e := range es {
		ids[i] = e.ID
	}
	return ids
}
