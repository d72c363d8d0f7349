package storetest

import (
	"fmt"
	"reflect"
	"testing"

	"kgraph/graph/store"
)

func testChangesBetween(t *testing.T, s store.Store) {
	seeded(t, s)
	tests := []struct {
		name               string
		q                  store.ChangesQuery
		added, ended, held []string
	}{
		{
			name:  "around the USSR from the 1948 split to 1960",
			q:     store.ChangesQuery{From: *date("1948"), To: *date("1960"), Entity: "soviet-union", Depth: 1},
			added: []string{"sfry-restricted-relations-ussr", "sfry-traded-with-ussr", "ussr-consumed-yugoslav-culture"},
			ended: []string{"sfry-relations-deteriorated-ussr-1948"},
			held:  []string{"sfry-prioritized-ussr", "sfry-strategic-tensions-ussr", "ussr-shares-orthodox-heritage", "ussr-shares-slavic-heritage"},
		},
		{
			name:  "the whole graph, of two types",
			q:     store.ChangesQuery{From: *date("1940"), To: *date("1992"), Depth: 1, Types: []string{"CO_SUCCESSOR_OF", "ESTABLISHED_RELATIONS"}},
			added: []string{"bosnia-and-herzegovina-co-successor-of-sfry", "croatia-co-successor-of-sfry", "fr-yugoslavia-co-successor-of-sfry", "north-macedonia-co-successor-of-sfry", "slovenia-co-successor-of-sfry"},
			ended: []string{"kingdom-established-relations-ussr"},
			held:  []string{},
		},
		{
			name:  "depth 1 around Croatia sees only its own relations",
			q:     store.ChangesQuery{From: *date("1955"), To: *date("1974"), Entity: "croatia", Depth: 1, Types: []string{"SIGNED", "RECOGNIZES_AGREEMENT"}},
			added: []string{},
			ended: []string{},
			held:  []string{"croatia-recognizes-agreement-1955", "croatia-recognizes-agreement-1974", "croatia-recognizes-agreement-1988"},
		},
		{
			name:  "depth 2 around Croatia reaches the signings, not the one in force at neither moment",
			q:     store.ChangesQuery{From: *date("1955"), To: *date("1974"), Entity: "croatia", Depth: 2, Types: []string{"SIGNED", "RECOGNIZES_AGREEMENT"}},
			added: []string{"sfry-signed-agreement-1974", "ussr-signed-agreement-1974"},
			ended: []string{"sfry-signed-agreement-1955", "ussr-signed-agreement-1955"},
			held:  []string{"croatia-recognizes-agreement-1955", "croatia-recognizes-agreement-1974", "croatia-recognizes-agreement-1988"},
		},
		{
			name:  "the same moment twice holds everything in force then",
			q:     store.ChangesQuery{From: *date("1949"), To: *date("1949"), Entity: "sfr-yugoslavia", Depth: 1, Types: []string{"BROKE_RELATIONS", "RESTORED_RELATIONS"}},
			added: []string{},
			ended: []string{},
			held:  []string{"sfry-broke-relations-ussr-1949"},
		},
		{
			name:  "a month inside a year: the year's relation holds at both",
			q:     store.ChangesQuery{From: *date("1991"), To: *date("1991-12"), Entity: "soviet-union", Depth: 1, Types: []string{"ENDED_IN", "SOLE_SUCCESSOR_OF"}},
			added: []string{},
			ended: []string{},
			held:  []string{"russia-sole-successor-of-ussr", "ussr-ended-in-dissolution"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := s.ChangesBetween(ctx(), tt.q)
			ok(t, err)
			if c.From != tt.q.From || c.To != tt.q.To {
				t.Errorf("moments = %s, %s; want %s, %s", c.From, c.To, tt.q.From, tt.q.To)
			}
			for _, list := range []struct {
				name      string
				got, want []string
			}{{"added", relationIDs(c.Added), tt.added}, {"ended", relationIDs(c.Ended), tt.ended}, {"held", relationIDs(c.Held), tt.held}} {
				if !reflect.DeepEqual(list.got, list.want) {
					t.Errorf("%s = %v, want %v", list.name, list.got, list.want)
				}
			}
		})
	}
}

func testChangesBetweenErrors(t *testing.T, s store.Store) {
	seeded(t, s)
	many := make([]string, store.MaxTypesPerQuery+1)
	for i := range many {
		many[i] = "SIGNED"
	}
	tests := []struct {
		name string
		q    store.ChangesQuery
		code string
	}{
		{"from after to", store.ChangesQuery{From: *date("1960"), To: *date("1950"), Depth: 1}, store.EINVALID},
		{"depth 0", store.ChangesQuery{From: *date("1950"), To: *date("1960"), Entity: "soviet-union"}, store.EINVALID},
		{"depth too deep", store.ChangesQuery{From: *date("1950"), To: *date("1960"), Entity: "soviet-union", Depth: store.MaxNeighborhoodDepth + 1}, store.EINVALID},
		{"unknown type", store.ChangesQuery{From: *date("1950"), To: *date("1960"), Depth: 1, Types: []string{"NOPE"}}, store.EINVALID},
		{"too many types", store.ChangesQuery{From: *date("1950"), To: *date("1960"), Depth: 1, Types: many}, store.EINVALID},
		{"unknown entity", store.ChangesQuery{From: *date("1950"), To: *date("1960"), Depth: 1, Entity: "atlantis"}, store.ENOTFOUND},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.ChangesBetween(ctx(), tt.q)
			wantCode(t, err, tt.code)
		})
	}
}

// testChangesBetweenTooLarge compares a star of more relations than a
// comparison may hold: the whole graph and the hub's neighbourhood are
// refused, a spoke's neighbourhood is answered.
func testChangesBetweenTooLarge(t *testing.T, s store.Store) {
	_, err := s.Apply(ctx(), star(store.MaxComparisonRelations+1), store.ApplyOptions{})
	ok(t, err)
	from, to := *date("1950"), *date("1960")
	_, err = s.ChangesBetween(ctx(), store.ChangesQuery{From: from, To: to, Depth: 1})
	wantCode(t, err, store.EINVALID)
	_, err = s.ChangesBetween(ctx(), store.ChangesQuery{From: from, To: to, Depth: 1, Entity: "hub"})
	wantCode(t, err, store.EINVALID)
	c, err := s.ChangesBetween(ctx(), store.ChangesQuery{From: from, To: to, Depth: 1, Entity: "spoke-0001"})
	ok(t, err)
	if got := relationIDs(c.Held); !reflect.DeepEqual(got, []string{"link-0001"}) || len(c.Added)+len(c.Ended) != 0 {
		t.Fatalf("a spoke's comparison: added %v, ended %v, held %v", relationIDs(c.Added), relationIDs(c.Ended), got)
	}
}

// star returns a hub linked by n undated relations to n spokes.
func star(n int) *store.Dataset {
	en := func(s string) store.Texts { return store.Texts{{Lang: "en", Text: s}} }
	d := &store.Dataset{
		Vocabulary: store.Vocabulary{
			EntityKinds:   []store.EntityKind{{ID: "node", Labels: en("Node")}},
			RelationTypes: []store.RelationType{{ID: "LINKS", Labels: en("links"), InverseLabels: en("linked from")}},
		},
		Sources:  []store.SourceDocument{{ID: "notes", Title: "Notes", Language: "en"}},
		Entities: []store.Entity{{ID: "hub", Kind: "node", Labels: en("Hub")}},
	}
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("spoke-%04d", i)
		d.Entities = append(d.Entities, store.Entity{ID: id, Kind: "node", Labels: en(id)})
		d.Relations = append(d.Relations, store.Relation{
			ID: fmt.Sprintf("link-%04d", i), Type: "LINKS", FromID: "hub", ToID: id,
			Sources: []store.Citation{{Source: "notes"}},
		})
	}
	return d
}

func testLanguages(t *testing.T, s store.Store) {
	langs, err := s.Languages(ctx())
	ok(t, err)
	if langs == nil || len(langs) != 0 {
		t.Fatalf("an empty store's languages = %#v, want an empty list", langs)
	}
	_, err = s.Apply(ctx(), diamond(), store.ApplyOptions{})
	ok(t, err)
	langs, err = s.Languages(ctx())
	ok(t, err)
	if !reflect.DeepEqual(langs, []string{"en"}) {
		t.Fatalf("languages of an English-only graph = %v", langs)
	}
	seeded(t, s)
	langs, err = s.Languages(ctx())
	ok(t, err)
	if want := seedLanguages; !reflect.DeepEqual(langs, want) {
		t.Fatalf("languages = %v, want %v", langs, want)
	}
}

// seedLanguages are the languages of the seed's names, in tag order.
var seedLanguages = []string{"ar", "bs", "en", "hr", "mk", "ru", "sl", "sr-Cyrl", "sr-Latn"}
