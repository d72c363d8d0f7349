package neo4jstore

import (
	"fmt"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
	"kgraph/graph/store/storetest"
	"kgraph/seed"
)

// TestSearchRanksAsTheEmbeddedStore checks that the ranking Search runs in
// Cypher gives exactly store.RankSearch's answer, as the embedded store
// computes it: the same hits in the same order, ties included, for names
// in several scripts, prefixes, words out of order and preferred languages.
func TestSearchRanksAsTheEmbeddedStore(t *testing.T) {
	seedData, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	graphs := []struct {
		name  string
		data  *store.Dataset
		texts []string
	}{
		{"seed", seedData, []string{"soviet", "yugo", "Croatia", "union soviet", "republic", "agreement 19", "s", "b d",
			"السوفيتي", "ال", "اتفاقية", "кроат", "Федерация", "belgrade decl"}},
		{"synthetic", storetest.Synthetic(400, 2), []string{"grand", "grand uni", "land 1", "north south", "river land", "بلد 1", "land"}},
	}
	for _, g := range graphs {
		t.Run(g.name, func(t *testing.T) {
			s := openForTest(t)
			mem := memstoretest.Open(t)
			for _, st := range []store.Store{s, mem} {
				if _, err := st.Apply(t.Context(), g.data, store.ApplyOptions{}); err != nil {
					t.Fatal(err)
				}
			}
			for _, text := range g.texts {
				for _, lang := range []string{"", "en", "ar", "ru"} {
					q := store.SearchQuery{Text: text, Lang: lang, First: store.MaxSearchSize}
					name := fmt.Sprintf("%s in %q", text, lang)
					sameJSON(t, name,
						func() (any, error) { return s.Search(t.Context(), q) },
						func() (any, error) { return mem.Search(t.Context(), q) })
				}
			}
		})
	}
}
