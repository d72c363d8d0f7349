package storetest

import (
	"reflect"
	"sort"
	"testing"

	"kgraph/graph/store"
)

func testListRelations(t *testing.T, s store.Store) {
	d := seeded(t, s)
	all := func(q store.RelationQuery) []string {
		t.Helper()
		q.First = store.MaxPageSize
		p, err := s.ListRelations(ctx(), q)
		ok(t, err)
		if p.TotalCount != len(p.Relations) || p.HasNextPage {
			t.Fatalf("%+v: totalCount %d for %d relations (next %v)", q, p.TotalCount, len(p.Relations), p.HasNextPage)
		}
		ids := relationIDs(p.Relations)
		if !sort.StringsAreSorted(ids) {
			t.Fatalf("%+v: relations not in id order: %v", q, ids)
		}
		return ids
	}
	t.Run("everything", func(t *testing.T) {
		if got := all(store.RelationQuery{}); len(got) != len(d.Relations) {
			t.Fatalf("%d relations, want %d", len(got), len(d.Relations))
		}
	})
	t.Run("who recognized the USSR, and when", func(t *testing.T) {
		p, err := s.ListRelations(ctx(), store.RelationQuery{Types: []string{"RECOGNIZED"}, To: "soviet-union"})
		ok(t, err)
		if len(p.Relations) != 1 {
			t.Fatalf("recognitions of the USSR: %v", relationIDs(p.Relations))
		}
		r := p.Relations[0]
		if r.FromID != "kingdom-of-yugoslavia" || r.Start == nil || r.Start.String() != "1940-06" {
			t.Fatalf("recognition = %+v, want the Kingdom of Yugoslavia in 1940-06", r)
		}
	})
	t.Run("who succeeded the Soviet Union", func(t *testing.T) {
		got := all(store.RelationQuery{Types: []string{"SOLE_SUCCESSOR_OF", "CO_SUCCESSOR_OF"}, To: "soviet-union"})
		if len(got) != 1 || got[0] != "russia-sole-successor-of-ussr" {
			t.Fatalf("successors of the USSR: %v", got)
		}
	})
	t.Run("what was in force in 1955", func(t *testing.T) {
		got := all(store.RelationQuery{At: date("1955")})
		for _, want := range []string{"sfry-restored-relations-ussr", "sfry-restricted-relations-ussr", "ussr-signed-belgrade-declaration", "sfry-signed-agreement-1955", "sfry-strategic-tensions-ussr"} {
			if !contains(got, want) {
				t.Errorf("in force in 1955: missing %s", want)
			}
		}
		for _, not := range []string{"sfry-broke-relations-ussr-1949", "kingdom-recognized-ussr", "russia-sole-successor-of-ussr", "ussr-signed-agreement-1974", "sfry-traded-with-ussr"} {
			if contains(got, not) {
				t.Errorf("in force in 1955: has %s", not)
			}
		}
	})
	t.Run("the break is in force in 1949 and in 1949-07, not in 1950", func(t *testing.T) {
		for at, want := range map[string]bool{"1949": true, "1949-07": true, "1949-12-31": true, "1950": false, "1948-12": false} {
			got := contains(all(store.RelationQuery{At: date(at), Types: []string{"BROKE_RELATIONS"}}), "sfry-broke-relations-ussr-1949")
			if got != want {
				t.Errorf("break in force at %s = %v, want %v", at, got, want)
			}
		}
	})
	t.Run("from and to", func(t *testing.T) {
		got := all(store.RelationQuery{From: "croatia", Types: []string{"RECOGNIZES_AGREEMENT"}})
		want := []string{"croatia-recognizes-agreement-1955", "croatia-recognizes-agreement-1974", "croatia-recognizes-agreement-1988"}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("agreements Croatia recognizes: %v, want %v", got, want)
		}
		if got := all(store.RelationQuery{To: "croatia", Types: []string{"RECOGNIZES_AGREEMENT"}}); len(got) != 0 {
			t.Fatalf("relations to Croatia of that type: %v", got)
		}
	})
}

func testListRelationsPaging(t *testing.T, s store.Store) {
	d := seeded(t, s)
	var got []string
	after := ""
	for {
		p, err := s.ListRelations(ctx(), store.RelationQuery{First: 10, After: after})
		ok(t, err)
		got = append(got, relationIDs(p.Relations)...)
		if !p.HasNextPage {
			break
		}
		after = store.EncodeCursor(p.Relations[len(p.Relations)-1].ID)
	}
	if len(got) != len(d.Relations) || !sort.StringsAreSorted(got) {
		t.Fatalf("paged through %d relations, want %d in order", len(got), len(d.Relations))
	}
}

func testListRelationsErrors(t *testing.T, s store.Store) {
	seeded(t, s)
	wantFailures(t, s.ListRelations, []failure[store.RelationQuery]{
		{"unknown type", store.RelationQuery{Types: []string{"INVADED"}}, store.EINVALID, "valid types"},
		{"unknown from", store.RelationQuery{From: "atlantis"}, store.ENOTFOUND, "atlantis"},
		{"unknown to", store.RelationQuery{To: "atlantis"}, store.ENOTFOUND, "atlantis"},
		{"page too large", store.RelationQuery{First: store.MaxPageSize + 1}, store.EINVALID, "first"},
		{"bad cursor", store.RelationQuery{After: "%%%"}, store.EINVALID, "cursor"},
	})
}

func testRelationsOf(t *testing.T, s store.Store) {
	seeded(t, s)
	tests := []struct {
		name string
		id   string
		f    store.RelationFilter
		want []string
	}{
		{"outgoing", "croatia", store.RelationFilter{Direction: store.DirectionOut, Types: []string{"RECOGNIZES_AGREEMENT"}},
			[]string{"croatia-recognizes-agreement-1955", "croatia-recognizes-agreement-1974", "croatia-recognizes-agreement-1988"}},
		{"incoming", "sfr-yugoslavia", store.RelationFilter{Direction: store.DirectionIn, Types: []string{"CO_SUCCESSOR_OF"}},
			[]string{"bosnia-and-herzegovina-co-successor-of-sfry", "croatia-co-successor-of-sfry", "fr-yugoslavia-co-successor-of-sfry", "north-macedonia-co-successor-of-sfry", "slovenia-co-successor-of-sfry"}},
		{"a directed type has no incoming side", "soviet-union", store.RelationFilter{Direction: store.DirectionIn, Types: []string{"SIGNED"}}, nil},
		{"a symmetric type is outgoing from its object", "soviet-union", store.RelationFilter{Direction: store.DirectionOut, Types: []string{"BROKE_RELATIONS"}},
			[]string{"sfry-broke-relations-ussr-1949"}},
		{"a symmetric type is incoming to its subject", "sfr-yugoslavia", store.RelationFilter{Direction: store.DirectionIn, Types: []string{"BROKE_RELATIONS"}},
			[]string{"sfry-broke-relations-ussr-1949"}},
		{"in force at", "soviet-union", store.RelationFilter{At: date("1949"), Types: []string{"BROKE_RELATIONS", "RESTORED_RELATIONS", "SIGNED"}},
			[]string{"sfry-broke-relations-ussr-1949"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := s.RelationsOf(ctx(), []string{tt.id, "serbia"}, tt.f)
			ok(t, err)
			if got := relationIDs(m[tt.id]); !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
				t.Fatalf("RelationsOf(%s) = %v, want %v", tt.id, got, tt.want)
			}
			if er, isEndsReader := s.(store.EndsReader); isEndsReader {
				checkEnds(t, s, er, []string{tt.id, "serbia"}, tt.f, m)
			}
		})
	}
	t.Run("batches several entities", func(t *testing.T) {
		m, err := s.RelationsOf(ctx(), []string{"croatia", "serbia", "atlantis"}, store.RelationFilter{})
		ok(t, err)
		if er, isEndsReader := s.(store.EndsReader); isEndsReader {
			checkEnds(t, s, er, []string{"croatia", "serbia", "atlantis"}, store.RelationFilter{}, m)
		}
		if len(m["croatia"]) != 4 || len(m["serbia"]) != 2 || len(m["atlantis"]) != 0 {
			t.Fatalf("batch = croatia %v, serbia %v, atlantis %v", relationIDs(m["croatia"]), relationIDs(m["serbia"]), relationIDs(m["atlantis"]))
		}
	})
	t.Run("unknown type", func(t *testing.T) {
		_, err := s.RelationsOf(ctx(), []string{"croatia"}, store.RelationFilter{Types: []string{"NOPE"}})
		wantCode(t, err, store.EINVALID)
		if er, isEndsReader := s.(store.EndsReader); isEndsReader {
			_, err := er.RelationsOfWithEnds(ctx(), []string{"croatia"}, store.RelationFilter{Types: []string{"NOPE"}})
			wantCode(t, err, store.EINVALID)
		}
	})
}

// checkEnds checks a store.EndsReader's answer for ids and f: the relations
// RelationsOf gave (want), and as ends exactly the entities of ids that
// exist and those at both ends of each relation, as Entities reads them.
func checkEnds(t *testing.T, s store.Store, er store.EndsReader, ids []string, f store.RelationFilter, want map[string][]*store.Relation) {
	t.Helper()
	got, err := er.RelationsOfWithEnds(ctx(), ids, f)
	ok(t, err)
	rels, ends := got.Relations, got.Ends
	endIDs := map[string]bool{}
	for _, id := range ids {
		if e, err := s.Entities(ctx(), []string{id}); err == nil && e[0] != nil {
			endIDs[id] = true
		}
		if !reflect.DeepEqual(relationIDs(rels[id]), relationIDs(want[id])) {
			t.Fatalf("RelationsOfWithEnds(%s) = %v, RelationsOf %v", id, relationIDs(rels[id]), relationIDs(want[id]))
		}
		for _, r := range rels[id] {
			endIDs[r.FromID], endIDs[r.ToID] = true, true
		}
	}
	for id := range ends {
		if !endIDs[id] {
			t.Errorf("RelationsOfWithEnds returned %s, neither asked about nor at an end of its relations", id)
		}
	}
	for id := range endIDs {
		e, err := s.Entities(ctx(), []string{id})
		ok(t, err)
		if !reflect.DeepEqual(ends[id], e[0]) {
			t.Errorf("end %s = %+v, Entities %+v", id, ends[id], e[0])
		}
	}
}
