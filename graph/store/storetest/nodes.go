package storetest

import (
	"strings"
	"testing"

	"kgraph/graph/store"
)

func testRelationsByID(t *testing.T, s store.Store) {
	seeded(t, s)
	ids := []string{"sfry-signed-belgrade-declaration", "nowhere", "ussr-signed-agreement-1955", "croatia"}
	got, err := s.Relations(ctx(), ids)
	ok(t, err)
	if len(got) != len(ids) {
		t.Fatalf("got %d relations for %d ids", len(got), len(ids))
	}
	for i, want := range []string{"sfry-signed-belgrade-declaration", "", "ussr-signed-agreement-1955", ""} {
		switch {
		case want == "" && got[i] != nil:
			t.Errorf("Relations[%d] (%q) = %q, want nil", i, ids[i], got[i].ID)
		case want != "" && (got[i] == nil || got[i].ID != want || got[i].FromID == "" || len(got[i].Sources) == 0):
			t.Errorf("Relations[%d] = %+v, want the whole relation %q", i, got[i], want)
		}
	}
	none, err := s.Relations(ctx(), nil)
	ok(t, err)
	if len(none) != 0 {
		t.Fatalf("Relations(nil) = %v, want empty", none)
	}
}

// testNodeIDsUniqueAcrossSections checks that a source, an entity and a
// relation never share an id, in one dataset or against the stored graph,
// so an id alone names one node.
func testNodeIDsUniqueAcrossSections(t *testing.T, s store.Store) {
	seeded(t, s)
	before, err := s.Export(ctx())
	ok(t, err)
	cite := []store.Citation{{Source: "ar-wiki-soviet-yugoslav-relations", Paragraph: 1, Sentence: 1}}
	state := func(id string) store.Entity {
		return store.Entity{ID: id, Kind: "state", Labels: store.Texts{{Lang: "en", Text: "A state"}}}
	}
	tests := []struct {
		name string
		d    store.Dataset
		want []string
	}{
		{"entity with a stored relation's id", store.Dataset{
			Entities: []store.Entity{state("sfry-signed-belgrade-declaration")},
		}, []string{"sfry-signed-belgrade-declaration", "already a relation's"}},
		{"entity with a stored source's id", store.Dataset{
			Entities: []store.Entity{state("ar-wiki-soviet-yugoslav-relations")},
		}, []string{"ar-wiki-soviet-yugoslav-relations", "already a source document's"}},
		{"relation with a stored entity's id", store.Dataset{
			Relations: []store.Relation{{ID: "serbia", Type: "SIGNED", FromID: "croatia", ToID: "belgrade-declaration", Sources: cite}},
		}, []string{"serbia", "already an entity's"}},
		{"source with a stored entity's id", store.Dataset{
			Sources: []store.SourceDocument{{ID: "croatia", Title: "Croatia", Language: "en"}},
		}, []string{"croatia", "already an entity's"}},
		{"entity and relation sharing a new id", store.Dataset{
			Entities:  []store.Entity{state("new-twin")},
			Relations: []store.Relation{{ID: "new-twin", Type: "SIGNED", FromID: "croatia", ToID: "belgrade-declaration", Sources: cite}},
		}, []string{"new-twin", "already"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Apply(ctx(), &tt.d, store.ApplyOptions{})
			wantCode(t, err, store.EINVALID)
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
	after, err := s.Export(ctx())
	ok(t, err)
	if asJSON(before) != asJSON(after) {
		t.Fatal("a refused apply changed the graph")
	}
	// Replacing an element by its own id stays allowed.
	same, err := s.Entities(ctx(), []string{"croatia"})
	ok(t, err)
	_, err = s.Apply(ctx(), &store.Dataset{Entities: []store.Entity{*same[0]}}, store.ApplyOptions{})
	ok(t, err)
}

// testVersion checks the version changes with every Apply that changes the
// graph, and only then.
func testVersion(t *testing.T, s store.Store) {
	empty, err := s.Version(ctx())
	ok(t, err)
	if empty == "" {
		t.Fatal("the version of an empty store is blank")
	}
	seeded(t, s)
	v1, err := s.Version(ctx())
	ok(t, err)
	if v1 == empty {
		t.Fatalf("the version %q did not change when the seed was applied", v1)
	}
	_, err = s.Entities(ctx(), []string{"croatia"})
	ok(t, err)
	if again, err := s.Version(ctx()); err != nil || again != v1 {
		t.Fatalf("the version changed on a read: %q, then %q (%v)", v1, again, err)
	}
	_, err = s.Apply(ctx(), &store.Dataset{Entities: []store.Entity{{ID: "Bad Id"}}}, store.ApplyOptions{})
	wantCode(t, err, store.EINVALID)
	_, err = s.Apply(ctx(), &store.Dataset{Entities: []store.Entity{{ID: "new-state", Kind: "state", Labels: store.Texts{{Lang: "en", Text: "New"}}}}}, store.ApplyOptions{DryRun: true})
	ok(t, err)
	if again, err := s.Version(ctx()); err != nil || again != v1 {
		t.Fatalf("a refused apply or a dry run changed the version: %q, then %q (%v)", v1, again, err)
	}
	_, err = s.Apply(ctx(), &store.Dataset{Entities: []store.Entity{{ID: "new-state", Kind: "state", Labels: store.Texts{{Lang: "en", Text: "New"}}}}}, store.ApplyOptions{})
	ok(t, err)
	v2, err := s.Version(ctx())
	ok(t, err)
	if v2 == v1 || v2 == empty {
		t.Fatalf("the version after a change is %q, as before (%q, %q)", v2, empty, v1)
	}
}
