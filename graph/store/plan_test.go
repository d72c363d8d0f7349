package store

import (
	"errors"
	"slices"
	"testing"
	"time"
)

// planGraph is a small graph to plan edits against: two entities and the
// relation between them, with the relation at version 3.
func planGraph() *Dataset {
	return &Dataset{
		Vocabulary: Vocabulary{
			EntityKinds:   []EntityKind{{ID: "state", Labels: Texts{{Lang: "en", Text: "State"}}}},
			RelationTypes: []RelationType{{ID: "RECOGNIZED", Labels: Texts{{Lang: "en", Text: "recognized"}}, InverseLabels: Texts{{Lang: "en", Text: "recognized by"}}}},
		},
		Sources:   []SourceDocument{{ID: "doc", Title: "Doc", Language: "en"}},
		Entities:  []Entity{{ID: "a", Kind: "state", Labels: Texts{{Lang: "en", Text: "A"}}}, {ID: "b", Kind: "state", Labels: Texts{{Lang: "en", Text: "B"}}}},
		Relations: []Relation{{ID: "a-b", Type: "RECOGNIZED", FromID: "a", ToID: "b", Sources: []Citation{{Source: "doc"}}}},
	}
}

// currentOf describes d as PlanEdit reads a store, with metas as given.
func currentOf(d *Dataset, metas map[string]Meta) Current {
	lookup := d.Lookup()
	return Current{
		Known: Known{
			Vocabulary: d.Vocabulary,
			Entity:     func(id string) bool { _, ok := lookup(SectionEntities, id); return ok },
			Source:     func(id string) bool { _, ok := lookup(SectionSources, id); return ok },
		},
		Stored: lookup,
		Meta:   func(id string) (Meta, bool) { m, ok := metas[id]; return m, ok },
		Touching: func(id string) []string {
			var out []string
			for _, r := range d.Relations {
				if r.FromID == id || r.ToID == id {
					out = append(out, r.ID)
				}
			}
			return out
		},
	}
}

func TestPlanEdit(t *testing.T) {
	at := time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)
	renamedA := Entity{ID: "a", Kind: "state", Labels: Texts{{Lang: "en", Text: "A renamed"}}}
	newC := Entity{ID: "c", Kind: "state", Labels: Texts{{Lang: "en", Text: "C"}}}
	metas := map[string]Meta{"a-b": {Version: 3, CreatedBy: "ed"}}
	tests := []struct {
		name     string
		edit     Edit
		code     string
		versions map[string]int64 // element id -> version after the change (0: deleted)
	}{
		{"create", Edit{Actor: "ed", Put: Dataset{Entities: []Entity{newC}}, Expect: map[string]int64{"c": 0}}, "", map[string]int64{"c": 1}},
		{"create an existing id", Edit{Actor: "ed", Put: Dataset{Entities: []Entity{renamedA}}, Expect: map[string]int64{"a": 0}}, ECONFLICT, nil},
		{"update at the stored version", Edit{Actor: "ed", Put: Dataset{Entities: []Entity{renamedA}}, Expect: map[string]int64{"a": 1}}, "", map[string]int64{"a": 2}},
		{"update at a stale version", Edit{Actor: "ed", Put: Dataset{Entities: []Entity{renamedA}}, Expect: map[string]int64{"a": 2}}, ECONFLICT, nil},
		{"delete at a recorded version", Edit{Actor: "ed", Delete: []string{"a-b"}, Expect: map[string]int64{"a-b": 3}}, "", map[string]int64{"a-b": 0}},
		{"delete an entity that keeps relations", Edit{Actor: "ed", Delete: []string{"a"}}, ECONFLICT, nil},
		{"delete an entity with cascade", Edit{Actor: "ed", Delete: []string{"a"}, Cascade: true}, "", map[string]int64{"a": 0, "a-b": 0}},
		{"delete an entity and name its relation", Edit{Actor: "ed", Delete: []string{"a", "a-b"}}, "", map[string]int64{"a": 0, "a-b": 0}},
		{"delete an unknown id", Edit{Actor: "ed", Delete: []string{"nowhere"}}, ENOTFOUND, nil},
		{"put a relation to a deleted entity", Edit{Actor: "ed", Delete: []string{"b"}, Cascade: true,
			Put: Dataset{Relations: []Relation{{ID: "a-b2", Type: "RECOGNIZED", FromID: "a", ToID: "b", Sources: []Citation{{Source: "doc"}}}}}}, EINVALID, nil},
		{"put and delete one id", Edit{Actor: "ed", Put: Dataset{Entities: []Entity{renamedA}}, Delete: []string{"a"}}, EINVALID, nil},
		{"a relation without a citation", Edit{Actor: "ed", Put: Dataset{Relations: []Relation{{ID: "b-a", Type: "RECOGNIZED", FromID: "b", ToID: "a"}}}}, EINVALID, nil},
		{"no actor", Edit{Put: Dataset{Entities: []Entity{newC}}}, EINVALID, nil},
		{"unchanged", Edit{Actor: "ed", Put: Dataset{Entities: []Entity{planGraph().Entities[0]}}, Expect: map[string]int64{"a": 1}}, "", map[string]int64{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := PlanEdit(&tt.edit, currentOf(planGraph(), metas), 7, at)
			if got := ErrorCode(err); got != tt.code {
				t.Fatalf("code %q, want %q (%v)", got, tt.code, err)
			}
			if err != nil {
				return
			}
			got := map[string]int64{}
			for _, c := range p.Change.Elements {
				got[c.ID] = c.Version
				if (c.Version == 0) != c.Deleted() || c.Created() != (c.ID == "c") {
					t.Errorf("%s: version %d, before %s, after %s", c.ID, c.Version, c.Before, c.After)
				}
			}
			if len(got) != len(tt.versions) {
				t.Fatalf("changed %v, want %v", got, tt.versions)
			}
			for id, v := range tt.versions {
				if got[id] != v {
					t.Errorf("%s: version %d, want %d", id, got[id], v)
				}
				if m, ok := p.Metas[id]; v > 0 && (!ok || m.Version != v || !m.UpdatedAt.Equal(at) || m.UpdatedBy != "ed") {
					t.Errorf("%s: meta %+v", id, m)
				}
			}
			if p.Change.Seq != 7 || !p.Change.At.Equal(at) || p.Empty() != (len(tt.versions) == 0) {
				t.Errorf("change %+v", p.Change)
			}
		})
	}
}

func TestPlanEditConflictsSayTheCurrentVersion(t *testing.T) {
	e := &Edit{Actor: "ed", Delete: []string{"a-b"}, Expect: map[string]int64{"a-b": 2}}
	_, err := PlanEdit(e, currentOf(planGraph(), map[string]Meta{"a-b": {Version: 3}}), 1, time.Now())
	var se *Error
	if !errors.As(err, &se) || se.Code != ECONFLICT || se.Extensions["currentVersion"] != int64(3) {
		t.Fatalf("got %#v", err)
	}
	_, err = PlanEdit(&Edit{Actor: "ed", Delete: []string{"b"}}, currentOf(planGraph(), nil), 1, time.Now())
	if !errors.As(err, &se) || se.Code != ECONFLICT || !slices.Equal(se.Extensions["orphans"].([]string), []string{"a-b"}) {
		t.Fatalf("got %#v", err)
	}
}

// TestUndoRestoresThePast plans two edits one after the other and undoes
// them from the graph they lead to: each undo gives the graph before it.
func TestUndoRestoresThePast(t *testing.T) {
	g0 := planGraph()
	first, err := PlanEdit(&Edit{Actor: "ed", Put: Dataset{Entities: []Entity{{ID: "c", Kind: "state", Labels: Texts{{Lang: "en", Text: "C"}}}}}}, currentOf(g0, nil), 1, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	g1 := g0.Merge(first.Write)
	second, err := PlanEdit(&Edit{Actor: "ed", Delete: []string{"a"}, Cascade: true,
		Put: Dataset{Entities: []Entity{{ID: "c", Kind: "state", Labels: Texts{{Lang: "en", Text: "C2"}}}}}}, currentOf(g1, nil), 2, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	g2 := g1.Merge(second.Write)
	g2.removeIf(func(_, id string) bool { return id == "a" || id == "a-b" })
	for _, tt := range []struct {
		undo []*Change
		want *Dataset
	}{{nil, g2}, {[]*Change{second.Change}, g1}, {[]*Change{second.Change, first.Change}, g0}} {
		got, err := Undo(g2, tt.undo)
		if err != nil {
			t.Fatal(err)
		}
		if string(MustJSON(got)) != string(MustJSON(tt.want)) {
			t.Errorf("undoing %d changes:\n got %s\nwant %s", len(tt.undo), MustJSON(got), MustJSON(tt.want))
		}
	}
}

func TestParseAsOf(t *testing.T) {
	for in, want := range map[string]AsOf{"42": {Seq: 42}, "0": {}, "2026-11-24T09:00:00Z": {Time: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}, "2026-11-24T10:00:00+01:00": {Time: time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)}} {
		got, err := ParseAsOf(in)
		if err != nil || got != want {
			t.Errorf("%q: %+v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "-1", "yesterday", "2026-11-24"} {
		if _, err := ParseAsOf(bad); ErrorCode(err) != EINVALID {
			t.Errorf("%q: %v, want INVALID", bad, err)
		}
	}
}
