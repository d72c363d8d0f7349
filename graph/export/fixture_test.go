package export

import (
	"context"
	"testing"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore/memstoretest"
	"kgraph/seed"
)

// tricky holds every character XML, JSON and Cypher must escape, and an
// Arabic text that must come through as it is.
const tricky = `Tom & "Jerry's" <treaty> \ back`

// tinyDataset is a small graph whose texts need escaping: the golden files
// show each format on it.
func tinyDataset() *store.Dataset {
	en := func(s string) store.Texts { return store.Texts{{Lang: "en", Text: s}} }
	d := func(s string) *store.PartialDate { p := store.MustParsePartialDate(s); return &p }
	return &store.Dataset{
		Vocabulary: store.Vocabulary{
			EntityKinds: []store.EntityKind{
				{ID: "agreement", Labels: en("Agreement")},
				{ID: "state", Labels: store.Texts{{Lang: "ar", Text: "دولة"}, {Lang: "en", Text: "State"}}},
			},
			RelationTypes: []store.RelationType{
				{ID: "BROKE_RELATIONS", Labels: en("broke off relations with"), InverseLabels: en("broke off relations with"), Symmetric: true},
				{ID: "SIGNED", Labels: store.Texts{{Lang: "ar", Text: "وقّع"}, {Lang: "en", Text: "signed"}}, InverseLabels: en("signed by")},
			},
		},
		Sources: []store.SourceDocument{{ID: "article", Title: "An <article> & notes", Language: "en"}},
		Entities: []store.Entity{
			{ID: "pact", Kind: "agreement", Labels: en(tricky), Start: d("1955-06"),
				Descriptions: en("Line one\nline two\ttabbed")},
			{ID: "ussr", Kind: "state", Labels: store.Texts{{Lang: "ar", Text: "الاتحاد السوفيتي"}, {Lang: "en", Text: "Soviet Union"}},
				Aliases: store.Aliases{{Lang: "en", Text: "USSR"}, {Lang: "en", Text: "Soviet Russia"}},
				Start:   d("1922-12-30"), End: d("1991-12-26"), Sources: []store.Citation{{Source: "article", Paragraph: 2}}},
			{ID: "yugoslavia", Kind: "state", Labels: en("Yugoslavia"), Start: d("1945"), End: d("1992")},
		},
		Relations: []store.Relation{
			{ID: "break-1949", Type: "BROKE_RELATIONS", FromID: "yugoslavia", ToID: "ussr", Start: d("1949"), End: d("1949"),
				Descriptions: store.Texts{{Lang: "ar", Text: "قطيعة"}, {Lang: "en", Text: "The 'split'"}},
				Sources:      []store.Citation{{Source: "article", Paragraph: 3, Sentence: 1}}},
			{ID: "ussr-signed-pact", Type: "SIGNED", FromID: "ussr", ToID: "pact", Start: d("1955-06"), End: d("1955-06"),
				Sources: []store.Citation{{Source: "article"}}},
		},
	}
}

// seededStore returns an embedded store holding the seed dataset.
func seededStore(t *testing.T) store.Store {
	t.Helper()
	d, err := seed.Dataset()
	if err != nil {
		t.Fatal(err)
	}
	return storeWith(t, d)
}

// storeWith returns an embedded store holding d.
func storeWith(t *testing.T, d *store.Dataset) store.Store {
	t.Helper()
	s := memstoretest.Open(t)
	if _, err := s.Apply(context.Background(), d, store.ApplyOptions{}); err != nil {
		t.Fatal(err)
	}
	return s
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	if got := store.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}
