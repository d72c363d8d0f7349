package dataset

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"kgraph/graph/store"
)

// small is a valid dataset with every section, one element a line, so
// that a test can point at a line by its text.
const small = `{
  "$schema": "dataset.schema.json",
  "vocabulary": {
    "entityKinds": [
      {"id": "city", "labels": {"en": "City"}}
    ],
    "relationTypes": [
      {"id": "TWINNED_WITH", "labels": {"en": "twinned with"}, "inverseLabels": {"en": "twinned with"}, "symmetric": true}
    ]
  },
  "sources": [
    {"id": "atlas", "title": "An Atlas", "language": "en"}
  ],
  "entities": [
    {"id": "paris", "kind": "city", "labels": {"en": "Paris"}, "sources": [{"source": "atlas"}]},
    {"id": "rome", "kind": "city", "labels": {"en": "Rome"}, "start": "0753"}
  ],
  "relations": [
    {"id": "paris-rome", "type": "TWINNED_WITH", "from": "paris", "to": "rome", "start": "1956", "sources": [{"source": "atlas", "paragraph": 2}]}
  ]
}
`

func check(t *testing.T, doc string, base *store.Dataset) (*Checked, []Problem) {
	t.Helper()
	var b Base // nil for a file on its own
	if base != nil {
		b = Graph(base)
	}
	c, problems, err := Check(context.Background(), Bytes("f.json", []byte(doc)), b)
	if err != nil {
		t.Fatal(err)
	}
	return c, problems
}

// lineOf returns the 1-based line of doc that holds text.
func lineOf(t *testing.T, doc, text string) int {
	t.Helper()
	i := strings.Index(doc, text)
	if i < 0 {
		t.Fatalf("%q is not in the document", text)
	}
	return 1 + strings.Count(doc[:i], "\n")
}

func TestSmallIsValid(t *testing.T) {
	c, problems := check(t, small, nil)
	if len(problems) > 0 {
		t.Fatal(Error(problems))
	}
	want := Summary{EntityKinds: 1, RelationTypes: 1, Sources: 1, Entities: 2, Relations: 1}
	if c.Summary() != want {
		t.Fatalf("summary = %+v, want %+v", c.Summary(), want)
	}
}

// TestProblemsAreLocated checks each kind of problem is reported with the
// line of the field at fault, the element and the field.
func TestProblemsAreLocated(t *testing.T) {
	tests := []struct {
		name         string
		from, to     string // replace from with to in small
		section      string
		index        int
		field, inMsg string
		lineOf       string // the text of the line the problem is on
	}{
		{"dangling to", `"to": "rome"`, `"to": "roma"`, store.SectionRelations, 0, "to", `no entity has the id "roma"`, `"to": "roma"`},
		{"unknown kind", `"id": "rome", "kind": "city"`, `"id": "rome", "kind": "town"`, store.SectionEntities, 1, "kind", `unknown entity kind "town"; valid kinds: city`, `"kind": "town"`},
		{"unknown type", `"type": "TWINNED_WITH"`, `"type": "TWINS"`, store.SectionRelations, 0, "type", `unknown relation type "TWINS"`, `"TWINS"`},
		{"unknown source", `"sources": [{"source": "atlas"}]}`, `"sources": [{"source": "atlis"}]}`, store.SectionEntities, 0, "sources", `no source document has the id "atlis"`, `"atlis"`},
		{"malformed date", `"start": "0753"`, `"start": "753 BC"`, store.SectionEntities, 1, "start", `got "753 BC", want a date: YYYY, YYYY-MM or YYYY-MM-DD`, `"753 BC"`},
		{"impossible date", `"start": "0753"`, `"start": "0753-02-30"`, store.SectionEntities, 1, "start", `0753-02 has no day 30`, `"0753-02-30"`},
		{"inverted dates", `"start": "1956"`, `"start": "1956", "end": "1950"`, store.SectionRelations, 0, "end", `ends (1950) before it starts (1956)`, `"end": "1950"`},
		{"duplicate id", `"sources": [{"source": "atlas"}]},`, `"sources": [{"source": "atlas"}]},` + "\n" + `{"id": "paris", "kind": "city", "labels": {"en": "Paris, Texas"}},`, store.SectionEntities, 1, "id", `the id "paris" is used twice (first in the element on line 15)`, `Paris, Texas`},
		{"id of another section", `"id": "paris-rome"`, `"id": "paris"`, store.SectionRelations, 0, "id", `the id "paris" is already an entity's: ids are unique across sources, entities and relations`, `"id": "paris", "type"`},
		{"missing field", `"kind": "city", "labels": {"en": "Rome"}`, `"kind": "city"`, store.SectionEntities, 1, "labels", `required, but missing`, `"id": "rome"`},
		{"unknown field", `"language": "en"`, `"language": "en", "year": 2001`, store.SectionSources, 0, "year", `unknown field; the fields are descriptions, id, kind, language, title`, `"year"`},
		{"no English label", `"labels": {"en": "Rome"}`, `"labels": {"it": "Roma"}`, store.SectionEntities, 1, "labels.en", `required, but missing`, `"Roma"`},
		{"duplicate language", `"labels": {"en": "Rome"}`, `"labels": {"en": "Rome", "en": "Roma"}`, store.SectionEntities, 1, "labels.en", `given twice in one object`, `"Roma"`},
		{"bad language tag", `"labels": {"en": "Rome"}`, `"labels": {"en": "Rome", "Italian": "Roma"}`, store.SectionEntities, 1, "labels", `got the key "Italian", want a language tag`, `"Roma"`},
		{"bad id", `"sources": [{"source": "atlas"}]},`, `"sources": [{"source": "atlas"}]},` + "\n" + `{"id": "Milan", "kind": "city", "labels": {"en": "Milan"}},`, store.SectionEntities, 1, "id", `got "Milan", want a lower-case slug`, `"id": "Milan"`},
		{"blank label", `{"en": "City"}`, `{"en": "  "}`, store.SectionEntityKinds, 0, "labels.en", `want a text that is not blank`, `"id": "city"`},
		{"citation numbering", `"paragraph": 2`, `"paragraph": -2`, store.SectionRelations, 0, "sources[0].paragraph", `minimum`, `"paragraph": -2`},
		{"no citation", `"sources": [{"source": "atlas", "paragraph": 2}]`, `"sources": []`, store.SectionRelations, 0, "sources", `got 0 items, want at least 1`, `"sources": []`},
		{"wrong type", `"symmetric": true`, `"symmetric": "yes"`, store.SectionRelationTypes, 0, "symmetric", `got string, want boolean`, `"symmetric": "yes"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(small, tt.from) {
				t.Fatalf("%q is not in the document", tt.from)
			}
			doc := strings.Replace(small, tt.from, tt.to, 1)
			_, problems := check(t, doc, nil)
			if len(problems) != 1 {
				t.Fatalf("got %d problems, want 1:\n%v", len(problems), Error(problems))
			}
			p := problems[0]
			if p.File != "f.json" || p.Section != tt.section || p.Index != tt.index || p.Field != tt.field || !strings.Contains(p.Message, tt.inMsg) {
				t.Errorf("problem = %s\nwant %s[%d] field %q: ...%s...", p, tt.section, tt.index, tt.field, tt.inMsg)
			}
			if want := lineOf(t, doc, tt.lineOf); p.Line != want {
				t.Errorf("line = %d, want %d: %s", p.Line, want, p)
			}
		})
	}
}

func TestDocumentProblems(t *testing.T) {
	tests := []struct {
		name, doc   string
		line        int
		field, want string
	}{
		{"empty", "", 1, "", "the file is empty"},
		{"not an object", "[1, 2]", 1, "", "got array, want object"},
		{"malformed", "{\"entities\": [\n{\"id\": \"a\", \"kind\": \"k\", \"labels\": {\"en\": \"A\"}}\n{\"id\": \"b\"}\n]}", 3, "", "malformed JSON"},
		{"cut short", "{\n\"entities\": [\n", 2, "", "the file ends before the JSON document does"},
		{"trailing data", "{}\n{}", 2, "", "unexpected data after the top-level object"},
		{"unknown section", "{\n\"entities\": [],\n\"nodes\": []\n}", 3, "nodes", "unknown field"},
		{"unknown vocabulary field", "{\"vocabulary\": {\n\"kinds\": []}}", 2, "vocabulary.kinds", "unknown field; the fields are entityKinds, relationTypes"},
		{"section not an array", "{\n\"entities\": {\"a\": {}}}", 2, "entities", "got object, want array"},
		{"section given twice", "{\"entities\": [],\n\"entities\": []}", 2, "entities", "given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := check(t, tt.doc, nil)
			if len(problems) != 1 {
				t.Fatalf("got %d problems, want 1:\n%v", len(problems), Error(problems))
			}
			p := problems[0]
			if p.Section != Document || p.Line != tt.line || p.Field != tt.field || !strings.Contains(p.Message, tt.want) {
				t.Errorf("problem = %s, want line %d %s field %q: ...%s...", p, tt.line, Document, tt.field, tt.want)
			}
		})
	}
}

func TestEveryProblemIsReported(t *testing.T) {
	doc := strings.NewReplacer(`"to": "rome"`, `"to": "roma"`, `"start": "0753"`, `"start": "753"`, `"language": "en"`, `"language": "en", "x": 1`).Replace(small)
	_, problems := check(t, doc, nil)
	var lines []int
	for _, p := range problems {
		lines = append(lines, p.Line)
	}
	if fmt.Sprint(lines) != "[12 16 19]" {
		t.Fatalf("problems on lines %v, want [12 16 19] (in line order):\n%v", lines, Error(problems))
	}
}

// TestReferencesToTheGraph checks a file may refer to what the graph it is
// added to holds, and only then.
func TestReferencesToTheGraph(t *testing.T) {
	doc := `{"relations": [{"id": "paris-rome", "type": "TWINNED_WITH", "from": "paris", "to": "rome", "sources": [{"source": "atlas"}]}]}`
	_, problems := check(t, doc, nil)
	if len(problems) != 4 { // type, from, to, source
		t.Fatalf("alone: got %d problems, want 4:\n%v", len(problems), Error(problems))
	}
	base := loadSmall(t)
	if _, problems := check(t, doc, base); len(problems) > 0 {
		t.Fatalf("against a graph that has them: %v", Error(problems))
	}
}

// TestIDsUniqueAcrossTheGraph checks a file may not give an entity the id
// of a relation or source the graph already holds, or the other way round.
func TestIDsUniqueAcrossTheGraph(t *testing.T) {
	base := loadSmall(t)
	tests := []struct{ name, doc, want string }{
		{"entity named like a relation", `{"entities": [{"id": "paris-rome", "kind": "city", "labels": {"en": "Paris-Rome"}}]}`, `entities[0] (id "paris-rome") field "id": the id "paris-rome" is already a relation's`},
		{"source named like an entity", `{"sources": [{"id": "rome", "title": "Rome", "language": "en"}]}`, `sources[0] (id "rome") field "id": the id "rome" is already an entity's`},
		{"relation named like a source", `{"relations": [{"id": "atlas", "type": "TWINNED_WITH", "from": "paris", "to": "rome", "sources": [{"source": "atlas"}]}]}`, `relations[0] (id "atlas") field "id": the id "atlas" is already a source document's`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, problems := check(t, tt.doc, base)
			if len(problems) != 1 || !strings.Contains(problems[0].String(), tt.want) {
				t.Fatalf("problems = %v, want one: %s", Error(problems), tt.want)
			}
		})
	}
}

// TestSectionsInAnyOrder checks a file whose relations come before the
// entities they link is judged (and batched) as one in the usual order.
func TestSectionsInAnyOrder(t *testing.T) {
	reordered := `{
  "relations": [{"id": "paris-rome", "type": "TWINNED_WITH", "from": "paris", "to": "rome", "sources": [{"source": "atlas"}]}],
  "entities": [
    {"id": "paris", "kind": "city", "labels": {"en": "Paris"}},
    {"id": "rome", "kind": "city", "labels": {"en": "Rome"}}
  ],
  "sources": [{"id": "atlas", "title": "An Atlas", "language": "en"}],
  "vocabulary": {"entityKinds": [{"id": "city", "labels": {"en": "City"}}], "relationTypes": [{"id": "TWINNED_WITH", "labels": {"en": "twinned with"}, "inverseLabels": {"en": "twinned with"}}]}
}`
	c, problems := check(t, reordered, nil)
	if len(problems) > 0 {
		t.Fatal(Error(problems))
	}
	var got []string
	err := c.Batches(context.Background(), 100, func(d *store.Dataset, n int) error {
		got = append(got, fmt.Sprintf("%d kinds %d types %d sources %d entities %d relations",
			len(d.Vocabulary.EntityKinds), len(d.Vocabulary.RelationTypes), len(d.Sources), len(d.Entities), len(d.Relations)))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "[1 kinds 1 types 1 sources 0 entities 0 relations 0 kinds 0 types 0 sources 2 entities 0 relations 0 kinds 0 types 0 sources 0 entities 1 relations]"
	if fmt.Sprint(got) != want {
		t.Fatalf("batches = %v\nwant %v", got, want)
	}

	_, problems = check(t, strings.Replace(reordered, `"to": "rome"`, `"to": "roma"`, 1), nil)
	if len(problems) != 1 || problems[0].Field != "to" || problems[0].Line != 2 {
		t.Fatalf("dangling reference in a reordered file: %v", Error(problems))
	}
}

func TestBatchesKeepPhasesAndSize(t *testing.T) {
	c, problems := check(t, small, nil)
	if len(problems) > 0 {
		t.Fatal(Error(problems))
	}
	var sizes []int
	var ids []string
	err := c.Batches(context.Background(), 2, func(d *store.Dataset, n int) error {
		sizes = append(sizes, n)
		for _, e := range d.Entities {
			ids = append(ids, e.ID)
		}
		for _, r := range d.Relations {
			ids = append(ids, r.ID)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// 3 vocabulary and source elements, 2 entities, 1 relation.
	if fmt.Sprint(sizes) != "[2 1 2 1]" || fmt.Sprint(ids) != "[paris rome paris-rome]" {
		t.Fatalf("batch sizes %v with %v, want [2 1 2 1] with [paris rome paris-rome]", sizes, ids)
	}
}

// loadSeed reads the seed dataset file (the seed package cannot be
// imported here: it imports this one) and returns its bytes and dataset.
func loadSeed(t *testing.T) ([]byte, *store.Dataset) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "seed", "soviet-yugoslav-relations.json"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Load("seed.json", data)
	if err != nil {
		t.Fatal(err)
	}
	return data, d
}

func TestLoadSeedAndSchema(t *testing.T) {
	data, d := loadSeed(t)
	if len(d.Entities) == 0 || len(d.Relations) == 0 || len(d.Vocabulary.EntityKinds) == 0 {
		t.Fatalf("seed loaded as %d kinds, %d entities, %d relations", len(d.Vocabulary.EntityKinds), len(d.Entities), len(d.Relations))
	}
	// The published schema accepts the seed as a whole document too.
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if err := compiled().root.Validate(inst); err != nil {
		t.Fatal(err)
	}
}

// TestPiecewiseValidationMatchesWholeDocument checks that validating the
// skeleton and each element on its own, as the streaming reader does,
// rejects exactly what validating the whole document would.
func TestPiecewiseValidationMatchesWholeDocument(t *testing.T) {
	mutations := []struct{ from, to string }{
		{`"language": "en"`, `"language": "english"`},
		{`"start": "0753"`, `"start": "0753-13"`},
		{`"$schema": "dataset.schema.json"`, `"$schema": 1`},
		{`"relationTypes": [`, `"relationTypes": 3, "x": [`},
		{`"symmetric": true`, `"symmetric": true, "inverse": "x"`},
		{`"paragraph": 2`, `"paragraph": 2.5`},
		{`"labels": {"en": "Paris"}`, `"labels": {"fr": "Paris"}`},
		{`"id": "atlas", `, ``},
	}
	for _, m := range mutations {
		doc := strings.Replace(small, m.from, m.to, 1)
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		whole := compiled().root.Validate(inst) != nil
		_, problems := check(t, doc, nil)
		if !whole || len(problems) == 0 {
			t.Errorf("%s -> %s: whole document rejected %v, streamed rejected %v", m.from, m.to, whole, len(problems) > 0)
		}
	}
}

func TestPublishedSchemaIsCurrent(t *testing.T) {
	published, err := os.ReadFile(filepath.Join("..", "..", "seed", "dataset.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(published, Schema()) {
		t.Fatal("seed/dataset.schema.json is not the schema the code builds: run go generate ./graph/dataset")
	}
}

func TestLineCounterWithSmallReads(t *testing.T) {
	text := "a\nbb\n\nccc\nd"
	lc := &lineCounter{r: iotest.OneByteReader(strings.NewReader(text))}
	buf := make([]byte, 3)
	for {
		if _, err := lc.Read(buf); err != nil {
			break
		}
	}
	for _, tt := range []struct {
		off  int64
		line int
	}{{0, 1}, {1, 1}, {2, 2}, {5, 3}, {6, 4}, {10, 5}} {
		if got := lc.lineAt(tt.off); got != tt.line {
			t.Errorf("lineAt(%d) = %d, want %d", tt.off, got, tt.line)
		}
	}
}

func TestDuplicateKeys(t *testing.T) {
	raw := `{"a": {"x": 1, "y": "}{\"x\"", "x": 2}, "b": [{"k": 1}, {"k": 1, "k": 2}], "\u0061": 3, "c": "a"}`
	got := fmt.Sprint(duplicateKeys([]byte(raw)))
	if want := "[[a x] [b 1 k] [a]]"; got != want {
		t.Fatalf("duplicateKeys = %s, want %s", got, want)
	}
}

func TestLineWithin(t *testing.T) {
	raw := "{\"a\": 1,\n \"b\": {\n  \"c\": [\n   1,\n   {\"d\": 2}]}}"
	for _, tt := range []struct {
		path []string
		line int
	}{{nil, 0}, {[]string{"b"}, 1}, {[]string{"b", "c"}, 2}, {[]string{"b", "c", "1", "d"}, 4}, {[]string{"b", "nope"}, 1}} {
		if got := lineWithin([]byte(raw), tt.path); got != tt.line {
			t.Errorf("lineWithin(%v) = %d, want %d", tt.path, got, tt.line)
		}
	}
}

func loadSmall(t *testing.T) *store.Dataset {
	t.Helper()
	d, err := Load("small.json", []byte(small))
	if err != nil {
		t.Fatal(err)
	}
	return d
}
