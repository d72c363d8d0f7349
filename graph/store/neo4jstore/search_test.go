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
		{"crafted ties", craftedNames(), []string{"nova gorica", "gorica", "nova"}},
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

// craftedNames is a graph whose names tell the ranking's rules apart: a
// label against an alias in the preferred language, words in order
// against out of order, and names of different lengths.
func craftedNames() *store.Dataset {
	place := func(id string, labels store.Texts, aliases store.Aliases) store.Entity {
		return store.Entity{ID: id, Kind: "place", Labels: labels, Aliases: aliases}
	}
	en := func(s string) store.Texts { return store.Texts{{Lang: "en", Text: s}} }
	return &store.Dataset{
		Vocabulary: store.Vocabulary{EntityKinds: []store.EntityKind{{ID: "place", Labels: en("Place")}}},
		Entities: []store.Entity{
			place("a", en("Nova Gorica"), nil),
			place("b", en("Bee"), store.Aliases{{Lang: "ru", Text: "Nova Gorica"}}),
			place("c", en("Gorica Nova"), nil),
			place("d", en("Nova x Gorica"), nil),
			place("e", store.Texts{{Lang: "ar", Text: "نوفا"}, {Lang: "en", Text: "Nova Gorica Town"}}, store.Aliases{{Lang: "en", Text: "Gorica"}}),
		},
	}
}
