package storetest

import (
	"strings"
	"testing"

	"kgraph/graph/store"
)

func testApplyThenExport(t *testing.T, s store.Store) {
	want := seeded(t, s)
	got, err := s.Export(ctx())
	ok(t, err)
	if a, b := asJSON(canonical(want)), asJSON(got); a != b {
		t.Fatalf("export differs from what was applied:\n got %.400s\nwant %.400s", b, a)
	}
}

func testApplyIsIdempotent(t *testing.T, s store.Store) {
	d := seeded(t, s)
	before, err := s.Export(ctx())
	ok(t, err)
	res, err := s.Apply(ctx(), d, store.ApplyOptions{})
	ok(t, err)
	total := len(d.Vocabulary.EntityKinds) + len(d.Vocabulary.RelationTypes) + len(d.Sources) + len(d.Entities) + len(d.Relations)
	if res.Created != 0 || res.Updated != 0 || res.Unchanged != total {
		t.Fatalf("second apply = %+v, want 0 created, 0 updated, %d unchanged", res, total)
	}
	after, err := s.Export(ctx())
	ok(t, err)
	if asJSON(before) != asJSON(after) {
		t.Fatal("a second apply of the same dataset changed the graph")
	}
}

func testApplyDryRun(t *testing.T, s store.Store) {
	d := seededDataset(t)
	res, err := s.Apply(ctx(), d, store.ApplyOptions{DryRun: true})
	ok(t, err)
	if res.Created != len(d.Entities)+len(d.Relations)+len(d.Sources)+len(d.Vocabulary.EntityKinds)+len(d.Vocabulary.RelationTypes) {
		t.Fatalf("dry run reported %+v, want everything created", res)
	}
	got, err := s.Export(ctx())
	ok(t, err)
	if len(got.Entities) != 0 || len(got.Relations) != 0 {
		t.Fatalf("dry run stored %d entities and %d relations", len(got.Entities), len(got.Relations))
	}
}

func testApplyUpdates(t *testing.T, s store.Store) {
	seeded(t, s)
	es, err := s.Entities(ctx(), []string{"croatia"})
	ok(t, err)
	changed := *es[0]
	changed.Labels = store.Texts{{Lang: "ar", Text: "كرواتيا"}, {Lang: "en", Text: "Republic of Croatia (renamed)"}, {Lang: "fr", Text: "Croatie"}}
	add := &store.Dataset{Entities: []store.Entity{changed}}
	res, err := s.Apply(ctx(), add, store.ApplyOptions{})
	ok(t, err)
	if res.Updated != 1 || res.Created != 0 {
		t.Fatalf("apply = %+v, want 1 updated", res)
	}
	es, err = s.Entities(ctx(), []string{"croatia"})
	ok(t, err)
	if got := es[0].Labels.Pick("fr"); got != "Croatie" {
		t.Fatalf("French label = %q after update, want Croatie", got)
	}
	hits, err := s.Search(ctx(), store.SearchQuery{Text: "croatie"})
	ok(t, err)
	if len(hits) == 0 || hits[0].ID != "croatia" {
		t.Fatalf("search for the new label found %v", entityIDs(hits))
	}
}

func testApplyRejectsInvalid(t *testing.T, s store.Store) {
	seeded(t, s)
	before, err := s.Export(ctx())
	ok(t, err)
	good := store.Entity{ID: "new-state", Kind: "state", Labels: store.Texts{{Lang: "en", Text: "New State"}}}
	cite := []store.Citation{{Source: "ar-wiki-soviet-yugoslav-relations", Paragraph: 1, Sentence: 1}}
	tests := []struct {
		name string
		d    store.Dataset
		want []string // fragments the error message must contain
	}{
		{"dangling relation end", store.Dataset{
			Entities:  []store.Entity{good},
			Relations: []store.Relation{{ID: "r1", Type: "SIGNED", FromID: "new-state", ToID: "nowhere", Sources: cite}},
		}, []string{"r1", "to", "nowhere"}},
		{"unknown kind", store.Dataset{
			Entities: []store.Entity{{ID: "x", Kind: "planet", Labels: store.Texts{{Lang: "en", Text: "X"}}}},
		}, []string{"planet", "state"}},
		{"unknown relation type", store.Dataset{
			Relations: []store.Relation{{ID: "r2", Type: "INVADED", FromID: "croatia", ToID: "serbia", Sources: cite}},
		}, []string{"INVADED", "SIGNED"}},
		{"end before start", store.Dataset{
			Entities: []store.Entity{{ID: "y", Kind: "state", Labels: store.Texts{{Lang: "en", Text: "Y"}}, Start: date("1990"), End: date("1980")}},
		}, []string{"y", "end", "before"}},
		{"duplicate id in input", store.Dataset{
			Entities: []store.Entity{good, good},
		}, []string{"new-state", "twice"}},
		{"missing English label", store.Dataset{
			Entities: []store.Entity{{ID: "z", Kind: "state", Labels: store.Texts{{Lang: "ar", Text: "زد"}}}},
		}, []string{"z", "labels", "English"}},
		{"relation without source", store.Dataset{
			Relations: []store.Relation{{ID: "r3", Type: "SIGNED", FromID: "croatia", ToID: "belgrade-declaration"}},
		}, []string{"r3", "sources"}},
		{"bad id", store.Dataset{
			Entities: []store.Entity{{ID: "Bad Id", Kind: "state", Labels: store.Texts{{Lang: "en", Text: "B"}}}},
		}, []string{"Bad Id", "id"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Apply(ctx(), &tt.d, store.ApplyOptions{})
			wantCode(t, err, store.EINVALID)
			for _, frag := range tt.want {
				if !strings.Contains(err.Error(), frag) {
					t.Errorf("error %q does not mention %q", err, frag)
				}
			}
			after, err := s.Export(ctx())
			ok(t, err)
			if asJSON(before) != asJSON(after) {
				t.Fatal("a rejected apply changed the graph")
			}
		})
	}
}

func seededDataset(t *testing.T) *store.Dataset {
	t.Helper()
	d, err := seedDataset()
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// canonical is d as Export returns it: every section in id order.
func canonical(d *store.Dataset) *store.Dataset {
	return (&store.Dataset{}).Merge(d)
}

// asJSON is v as JSON, to compare datasets field by field.
func asJSON(v any) string { return string(store.MustJSON(v)) }
