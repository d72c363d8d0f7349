package dataset

import (
	"bytes"
	"kgraph/graph/store"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestSchemaAcceptsAndRejects pins down what the generated schema means,
// definition by definition: values it accepts and values it refuses. The
// schema is built from the rules of graph/store; a change to a rule that
// changes what files are valid shows here.
func TestSchemaAcceptsAndRejects(t *testing.T) {
	long := func(n int) string { return `"` + strings.Repeat("a", n) + `"` }
	tests := []struct {
		def      string // "" for the whole document
		good     []string
		bad      []string
		inReason string // a word the explanation of the first bad value holds
	}{
		{"slug", []string{`"soviet-union"`, `"a1"`, `"1955"`}, []string{`"Soviet"`, `"a--b"`, `"-a"`, `"a-"`, `""`, `"a_b"`, `3`}, "slug"},
		{"kindId", []string{`"state"`, `"city_2"`}, []string{`"State"`, `"2city"`, `""`, `"a-b"`}, "lower_snake_case"},
		{"typeId", []string{`"SIGNED"`, `"A_1"`}, []string{`"signed"`, `"_A"`, `""`, `"A-B"`}, "UPPER_SNAKE_CASE"},
		{"langTag", []string{`"en"`, `"ar"`, `"sr-Latn"`, `"zh-Hant-TW"`}, []string{`"EN"`, `"english"`, `"e"`, `"en_GB"`, `"en-"`}, "language tag"},
		// The schema checks the form; decoding rejects year 0000 and 30 February.
		{"date", []string{`"1955"`, `"1955-06"`, `"1955-06-30"`, `"0000"`, `"1955-02-30"`},
			[]string{`"1955-13"`, `"1955-00"`, `"1955-6"`, `"55"`, `"1955-06-32"`, `"1955-06-02T00:00:00Z"`, `1955`}, "YYYY-MM-DD"},
		{"title", []string{`"An Atlas"`, `"  x  "`}, []string{`""`, `"   "`, `"\t\n"`}, "blank"},
		{"label", []string{`"x"`, `"الاتحاد السوفيتي"`, long(500)}, []string{long(501), `""`, `" "`}, "500"},
		{"description", []string{long(4000)}, []string{long(4001), `""`}, "4000"},
		{"labels", []string{`{"en": "x"}`, `{"en": "x", "ar": "س"}`}, []string{`{"ar": "x"}`, `{"en": ""}`, `{"en": "x", "EN": "x"}`, `{}`, `{"en": ["x"]}`}, "missing"},
		{"descriptions", []string{`{}`, `{"ar": "x"}`}, []string{`{"ar": ""}`, `{"english": "x"}`}, "blank"},
		{"aliases", []string{`{"en": ["USSR", "Soviet Russia"]}`, `{"en": []}`}, []string{`{"en": "USSR"}`, `{"en": [""]}`}, "array"},
		{"citation", []string{`{"source": "a"}`, `{"source": "a", "paragraph": 0, "sentence": 3}`},
			[]string{`{"source": "a", "page": 1}`, `{"paragraph": 1}`, `{"source": "a", "paragraph": -1}`, `{"source": "a", "paragraph": 1.5}`}, "page"},
		{"entityKind", []string{`{"id": "city", "labels": {"en": "City"}, "descriptions": {"en": "A town."}}`},
			[]string{`{"id": "city"}`, `{"id": "city", "labels": {"en": "City"}, "symmetric": true}`}, "labels"},
		{"relationType", []string{`{"id": "NEXT", "labels": {"en": "next"}, "inverseLabels": {"en": "previous"}, "symmetric": false}`},
			[]string{`{"id": "NEXT", "labels": {"en": "next"}}`, `{"id": "NEXT", "labels": {"en": "n"}, "inverseLabels": {"en": "p"}, "symmetric": "no"}`}, "inverseLabels"},
		{"source", []string{`{"id": "atlas", "title": "An Atlas", "language": "en", "kind": "atlas"}`},
			[]string{`{"id": "atlas", "title": "An Atlas"}`, `{"id": "atlas", "title": " ", "language": "en"}`}, "language"},
		{"entity", []string{`{"id": "paris", "kind": "city", "labels": {"en": "Paris"}, "start": "0250", "sources": []}`},
			[]string{`{"id": "paris", "labels": {"en": "Paris"}}`, `{"id": "paris", "kind": "city", "labels": {"en": "Paris"}, "type": "X"}`}, "kind"},
		{"relation", []string{`{"id": "a-b", "type": "NEXT", "from": "a", "to": "b", "sources": [{"source": "s"}]}`},
			[]string{`{"id": "a-b", "type": "NEXT", "from": "a", "to": "b", "sources": []}`, `{"id": "a-b", "type": "NEXT", "from": "a", "sources": [{"source": "s"}]}`}, "at least 1"},
		{"", []string{`{}`, `{"$schema": "x", "vocabulary": {}, "sources": [], "entities": [], "relations": []}`},
			[]string{`{"nodes": []}`, `[]`, `{"vocabulary": {"kinds": []}}`, `{"entities": {}}`, `{"$schema": 1}`}, "nodes"},
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema()))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource(schemaURL, doc); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		name := tt.def
		if name == "" {
			name = "document"
		}
		t.Run(name, func(t *testing.T) {
			url := schemaURL
			if tt.def != "" {
				url += "#/$defs/" + tt.def
			}
			sch := c.MustCompile(url)
			for _, v := range tt.good {
				if vs := compiled().validate(sch, instance(t, v)); len(vs) > 0 {
					t.Errorf("refuses %s: %v", v, vs)
				}
			}
			for i, v := range tt.bad {
				vs := compiled().validate(sch, instance(t, v))
				if len(vs) == 0 {
					t.Errorf("accepts %s", v)
				}
				if i == 0 && len(vs) > 0 && !strings.Contains(vs[0].message+strings.Join(vs[0].path, "/"), tt.inReason) {
					t.Errorf("refuses %s with %v, which does not mention %q", v, vs, tt.inReason)
				}
			}
		})
	}
}

func instance(t *testing.T, v string) any {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(v))
	if err != nil {
		t.Fatalf("%s: %v", v, err)
	}
	return inst
}

// TestSchemaDefinesEverySection checks the schema gives every section of
// store.Sections a definition, in that order.
func TestSchemaDefinesEverySection(t *testing.T) {
	var got []string
	for _, d := range sectionDefs {
		got = append(got, d.section)
	}
	if !slices.Equal(got, store.Sections) {
		t.Fatalf("the schema defines the sections %v, want store.Sections %v", got, store.Sections)
	}
}
