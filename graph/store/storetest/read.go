package storetest

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"kgraph/graph/store"
)

func testVocabulary(t *testing.T, s store.Store) {
	d := seeded(t, s)
	v, err := s.Vocabulary(ctx())
	ok(t, err)
	if len(v.EntityKinds) != len(d.Vocabulary.EntityKinds) || len(v.RelationTypes) != len(d.Vocabulary.RelationTypes) {
		t.Fatalf("vocabulary has %d kinds and %d types, want %d and %d",
			len(v.EntityKinds), len(v.RelationTypes), len(d.Vocabulary.EntityKinds), len(d.Vocabulary.RelationTypes))
	}
	if !sort.SliceIsSorted(v.RelationTypes, func(i, j int) bool { return v.RelationTypes[i].ID < v.RelationTypes[j].ID }) {
		t.Fatal("relation types are not in id order")
	}
	broke := v.Type("BROKE_RELATIONS")
	if broke == nil || !broke.Symmetric {
		t.Fatalf("BROKE_RELATIONS = %+v, want a symmetric type", broke)
	}
	signed := v.Type("SIGNED")
	if signed == nil || signed.Symmetric || signed.InverseLabels.Pick("en") != "signed by" || signed.Labels.Pick("ar") == "" {
		t.Fatalf("SIGNED = %+v, want a directed type with labels and inverse labels", signed)
	}
}

func testSourceDocuments(t *testing.T, s store.Store) {
	seeded(t, s)
	docs, err := s.SourceDocuments(ctx(), []string{"ar-wiki-soviet-yugoslav-relations", "nope"})
	ok(t, err)
	if len(docs) != 2 || docs[0] == nil || docs[0].Language != "ar" || docs[1] != nil {
		t.Fatalf("SourceDocuments = %+v, want the Arabic article then nil", docs)
	}
}

func testEntities(t *testing.T, s store.Store) {
	seeded(t, s)
	es, err := s.Entities(ctx(), []string{"soviet-union", "missing", "croatia", "soviet-union"})
	ok(t, err)
	if got, want := entityIDs(es), []string{"soviet-union", "<nil>", "croatia", "soviet-union"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Entities = %v, want %v", got, want)
	}
	ussr := es[0]
	if ussr.Kind != "state" || ussr.End == nil || ussr.End.Year != 1991 || ussr.Labels.Pick("ar") != "الاتحاد السوفيتي" {
		t.Fatalf("soviet-union = %+v", ussr)
	}
	if len(ussr.Sources) == 0 {
		t.Fatal("soviet-union cites no source")
	}
}

func testListEntities(t *testing.T, s store.Store) {
	d := seeded(t, s)
	var all []string
	after := ""
	for page := 0; ; page++ {
		p, err := s.ListEntities(ctx(), store.EntityQuery{First: 7, After: after})
		ok(t, err)
		if p.TotalCount != len(d.Entities) {
			t.Fatalf("totalCount = %d, want %d", p.TotalCount, len(d.Entities))
		}
		if len(p.Entities) > 7 {
			t.Fatalf("page of %d entities, asked for 7", len(p.Entities))
		}
		all = append(all, entityIDs(p.Entities)...)
		if !p.HasNextPage {
			break
		}
		after = store.EncodeCursor(p.Entities[len(p.Entities)-1].ID)
		if page > len(d.Entities) {
			t.Fatal("paging does not end")
		}
	}
	if len(all) != len(d.Entities) || !sort.StringsAreSorted(all) {
		t.Fatalf("paging returned %d entities (sorted: %v), want all %d in id order", len(all), sort.StringsAreSorted(all), len(d.Entities))
	}

	states, err := s.ListEntities(ctx(), store.EntityQuery{Kind: "state", First: store.MaxPageSize})
	ok(t, err)
	wantStates := 0
	for _, e := range d.Entities {
		if e.Kind == "state" {
			wantStates++
		}
	}
	if states.TotalCount != wantStates || len(states.Entities) != wantStates || states.HasNextPage {
		t.Fatalf("states: %d of %d (next %v), want %d", len(states.Entities), states.TotalCount, states.HasNextPage, wantStates)
	}
	for _, want := range []string{"kingdom-of-yugoslavia", "sfr-yugoslavia", "soviet-union", "russian-federation", "serbia", "croatia",
		"slovenia", "bosnia-and-herzegovina", "north-macedonia", "fr-yugoslavia", "russian-empire", "principality-of-serbia", "principality-of-montenegro"} {
		if !contains(entityIDs(states.Entities), want) {
			t.Errorf("the states do not include %s", want)
		}
	}
}

func testListEntitiesErrors(t *testing.T, s store.Store) {
	seeded(t, s)
	tests := []struct {
		name string
		q    store.EntityQuery
		want string
	}{
		{"unknown kind", store.EntityQuery{Kind: "planet"}, "valid kinds"},
		{"page too large", store.EntityQuery{First: store.MaxPageSize + 1}, "first must be between"},
		{"negative page", store.EntityQuery{First: -1}, "first must be between"},
		{"bad cursor", store.EntityQuery{After: "not-a-cursor!"}, "invalid cursor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ListEntities(ctx(), tt.q)
			wantCode(t, err, store.EINVALID)
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func testSearch(t *testing.T, s store.Store) {
	seeded(t, s)
	tests := []struct {
		name, text, lang, want string
	}{
		{"English name", "Soviet Union", "", "soviet-union"},
		{"English, any case", "sOVIET uNION", "", "soviet-union"},
		{"English alias", "USSR", "", "soviet-union"},
		{"English prefix", "Croat", "", "croatia"},
		{"Latin accents", "Crôatia", "", "croatia"},
		{"Arabic name", "كرواتيا", "ar", "croatia"},
		{"Arabic, article's first spelling", "الاتحاد السوفيتي", "ar", "soviet-union"},
		{"Arabic, article's second spelling", "الاتحاد السوفييتي", "ar", "soviet-union"},
		{"Arabic, without the article", "السوفيتي", "", "soviet-union"},
		{"Arabic, hamza forms of alef", "الامبراطورية الروسية", "", "russian-empire"},
		{"Arabic, ta marbuta as ha", "الامبراطوريه الروسيه", "", "russian-empire"},
		{"Arabic, alef maqsura as ya", "الاتحاد الروسى", "", "russian-federation"},
		{"Arabic, tatweel", "كـرواتـيا", "", "croatia"},
		{"Arabic, diacritics", "كُرْوَاتِيَا", "", "croatia"},
		{"Arabic-Indic digits", "اتفاقية ١٩٧٤", "", "agreement-1974-culture-science-education"},
		{"Arabic document", "إعلان بلغراد", "", "belgrade-declaration"},
		{"other words in order", "Belgrade Declaration", "", "belgrade-declaration"},
		{"Russian name", "Советский Союз", "ru", "soviet-union"},
		{"Russian alias", "СССР", "", "soviet-union"},
		{"Russian, ё as е", "Российская Федерация", "", "russian-federation"},
		{"Serbian Cyrillic", "Хрватска", "sr-Cyrl", "croatia"},
		{"Serbian Latin", "Hrvatska", "sr-Latn", "croatia"},
		{"Serbian Cyrillic name typed in Latin", "Sovjetski Savez", "", "soviet-union"},
		{"Serbian Latin name typed in Cyrillic", "Совјетски Савез", "", "soviet-union"},
		{"Serbian Latin without diacritics", "Socijalisticka Federativna", "", "sfr-yugoslavia"},
		{"Serbian Latin document", "Beogradska deklaracija", "", "belgrade-declaration"},
		{"Macedonian", "Северна Македонија", "mk", "north-macedonia"},
		{"Slovenian č", "Črna gora", "sl", "principality-of-montenegro"},
		{"Croatian", "Raspad Sovjetskog Saveza", "hr", "dissolution-of-the-soviet-union"},
		{"Russian typed in Latin letters", "Raspad Jugoslavii", "", "breakup-of-yugoslavia"},
		{"Serbian Cyrillic, a heritage", "Православље", "", "eastern-orthodoxy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, err := s.Search(ctx(), store.SearchQuery{Text: tt.text, Lang: tt.lang})
			ok(t, err)
			if len(hits) == 0 || hits[0].ID != tt.want {
				t.Fatalf("search %q = %v, want %s first", tt.text, entityIDs(hits), tt.want)
			}
		})
	}
	t.Run("no match", func(t *testing.T) {
		hits, err := s.Search(ctx(), store.SearchQuery{Text: "Atlantis"})
		ok(t, err)
		if len(hits) != 0 {
			t.Fatalf("search Atlantis = %v, want nothing", entityIDs(hits))
		}
	})
	t.Run("first limits the hits, best first", func(t *testing.T) {
		all, err := s.Search(ctx(), store.SearchQuery{Text: "yugoslavia", First: store.MaxSearchSize})
		ok(t, err)
		if len(all) < 3 {
			t.Fatalf("search yugoslavia = %v, want the kingdom, the SFRY and the FRY at least", entityIDs(all))
		}
		two, err := s.Search(ctx(), store.SearchQuery{Text: "yugoslavia", First: 2})
		ok(t, err)
		if !reflect.DeepEqual(entityIDs(two), entityIDs(all[:2])) {
			t.Fatalf("first 2 = %v, want the top of %v", entityIDs(two), entityIDs(all))
		}
	})
	t.Run("Serbian Cyrillic and Latin find the same", func(t *testing.T) {
		for _, pair := range [][2]string{{"Југославија", "Jugoslavija"}, {"Краљевина", "Kraljevina"}, {"Београдска декларација", "Beogradska deklaracija"}, {"Црна Гора", "crna gora"}} {
			c, err := s.Search(ctx(), store.SearchQuery{Text: pair[0], First: store.MaxSearchSize})
			ok(t, err)
			l, err := s.Search(ctx(), store.SearchQuery{Text: pair[1], First: store.MaxSearchSize})
			ok(t, err)
			if len(c) == 0 || !reflect.DeepEqual(entityIDs(c), entityIDs(l)) {
				t.Errorf("search %q = %v, %q = %v: want the same, not empty", pair[0], entityIDs(c), pair[1], entityIDs(l))
			}
		}
	})
	t.Run("language breaks ties", func(t *testing.T) {
		// "يوغوسلافيا" is an alias of both Yugoslav states; asking in
		// Arabic must rank them identically in both stores.
		a, err := s.Search(ctx(), store.SearchQuery{Text: "يوغوسلافيا", Lang: "ar"})
		ok(t, err)
		if len(a) < 2 || !contains(entityIDs(a), "sfr-yugoslavia") || !contains(entityIDs(a), "kingdom-of-yugoslavia") {
			t.Fatalf("search يوغوسلافيا = %v", entityIDs(a))
		}
	})
}

func testSearchErrors(t *testing.T, s store.Store) {
	seeded(t, s)
	tests := []struct {
		name string
		q    store.SearchQuery
	}{
		{"empty", store.SearchQuery{Text: ""}},
		{"only punctuation", store.SearchQuery{Text: " ?! "}},
		{"too long", store.SearchQuery{Text: strings.Repeat("a", store.MaxSearchTextLength+1)}},
		{"too many hits", store.SearchQuery{Text: "a", First: store.MaxSearchSize + 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Search(ctx(), tt.q)
			wantCode(t, err, store.EINVALID)
		})
	}
}

func testPing(t *testing.T, s store.Store) {
	ok(t, s.Ping(ctx()))
}
