package storetest

import (
	"testing"

	"kgraph/graph/store"
)

func testTimeline(t *testing.T, s store.Store) {
	seeded(t, s)
	rels, err := s.Timeline(ctx(), store.TimelineQuery{Entity: "soviet-union"})
	ok(t, err)
	ids := relationIDs(rels)
	pos := map[string]int{}
	for i, id := range ids {
		pos[id] = i
	}
	order := []string{"kingdom-recognized-ussr", "sfry-relations-deteriorated-ussr-1948", "sfry-broke-relations-ussr-1949",
		"sfry-restored-relations-ussr", "ussr-signed-belgrade-declaration", "ussr-signed-agreement-1974", "ussr-signed-agreement-1988", "russia-sole-successor-of-ussr"}
	for i := 1; i < len(order); i++ {
		a, okA := pos[order[i-1]]
		b, okB := pos[order[i]]
		if !okA || !okB || a >= b {
			t.Fatalf("timeline of the USSR does not have %s before %s: %v", order[i-1], order[i], ids)
		}
	}
	for _, r := range rels {
		if !r.Dated() {
			t.Fatalf("undated relation %s on the timeline", r.ID)
		}
		if r.FromID != "soviet-union" && r.ToID != "soviet-union" {
			t.Fatalf("relation %s does not touch the USSR", r.ID)
		}
	}
	if contains(ids, "sfry-prioritized-ussr") {
		t.Fatal("an undated relation is on the timeline")
	}

	t.Run("from and to bound it", func(t *testing.T) {
		rels, err := s.Timeline(ctx(), store.TimelineQuery{From: date("1948"), To: date("1949")})
		ok(t, err)
		got := relationIDs(rels)
		for _, want := range []string{"sfry-relations-deteriorated-ussr-1948", "sfry-broke-relations-ussr-1949", "sfry-strategic-tensions-ussr"} {
			if !contains(got, want) {
				t.Errorf("1948-1949 misses %s: %v", want, got)
			}
		}
		for _, not := range []string{"kingdom-recognized-ussr", "sfry-restored-relations-ussr"} {
			if contains(got, not) {
				t.Errorf("1948-1949 has %s", not)
			}
		}
	})
	t.Run("types", func(t *testing.T) {
		rels, err := s.Timeline(ctx(), store.TimelineQuery{Types: []string{"SIGNED"}})
		ok(t, err)
		if len(rels) != 8 {
			t.Fatalf("%d signings, want 8 (two parties to four documents): %v", len(rels), relationIDs(rels))
		}
	})
}

func testTimelineErrors(t *testing.T, s store.Store) {
	seeded(t, s)
	_, err := s.Timeline(ctx(), store.TimelineQuery{Entity: "atlantis"})
	wantCode(t, err, store.ENOTFOUND)
	_, err = s.Timeline(ctx(), store.TimelineQuery{From: date("1960"), To: date("1950")})
	wantCode(t, err, store.EINVALID)
	_, err = s.Timeline(ctx(), store.TimelineQuery{Types: []string{"NOPE"}})
	wantCode(t, err, store.EINVALID)
}

// testOtherVocabulary loads a dataset with kinds and types of its own and
// queries it: the vocabulary is data, not code.
func testOtherVocabulary(t *testing.T, s store.Store) {
	_, err := s.Apply(ctx(), diamond(), store.ApplyOptions{})
	ok(t, err)
	p, err := s.ListEntities(ctx(), store.EntityQuery{Kind: "node"})
	ok(t, err)
	if p.TotalCount != 4 {
		t.Fatalf("%d nodes, want 4", p.TotalCount)
	}
	r, err := s.ListRelations(ctx(), store.RelationQuery{Types: []string{"LINKS"}, From: "a"})
	ok(t, err)
	if len(r.Relations) != 2 {
		t.Fatalf("LINKS from a: %v", relationIDs(r.Relations))
	}
	_, err = s.ListEntities(ctx(), store.EntityQuery{Kind: "state"})
	wantCode(t, err, store.EINVALID)
}
