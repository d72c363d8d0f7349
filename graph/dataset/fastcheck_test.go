package dataset

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"kgraph/graph/store"
	"kgraph/graph/store/synthetic"
)

// schemaValid asks the schema validator itself about one element.
func schemaValid(t *testing.T, section string, raw []byte) bool {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		return false
	}
	return len(compiled().validate(compiled().elements[section], inst)) == 0
}

// fastAccepts is what checkElement does before asking the schema.
func fastAccepts(section string, raw []byte) bool {
	x, _, err := decoders[section](raw)
	return err == nil && passesFast(raw, x)
}

// TestFastCheckTakesTheStoresOwnEncoding: the entities and relations of
// the seed and of the generator, as the store encodes them, compact or
// indented, are accepted without the schema validator, and the schema
// agrees.
func TestFastCheckTakesTheStoresOwnEncoding(t *testing.T) {
	_, d := loadSeed(t)
	gen := synthetic.Dataset(200, 4)
	var elems []struct {
		section string
		x       any
	}
	for _, ds := range []*store.Dataset{d, gen} {
		ds.Each(func(section, _ string, x any) {
			if section == store.SectionEntities || section == store.SectionRelations {
				elems = append(elems, struct {
					section string
					x       any
				}{section, x})
			}
		})
	}
	for _, e := range elems {
		raw := store.MustJSON(e.x)
		var indented bytes.Buffer
		if err := json.Indent(&indented, raw, "    ", "  "); err != nil {
			t.Fatal(err)
		}
		for _, form := range [][]byte{raw, indented.Bytes()} {
			if !schemaValid(t, e.section, form) {
				t.Fatalf("the schema refuses %s", form)
			}
			if !fastAccepts(e.section, form) {
				t.Errorf("the fast check refuses %s", form)
			}
		}
	}
}

// TestFastCheckNeverAcceptsWhatTheSchemaRefuses: elements the schema
// refuses, one rule broken at a time, are all refused by the fast check
// too, so that the schema finds and words their problems.
func TestFastCheckNeverAcceptsWhatTheSchemaRefuses(t *testing.T) {
	const entity = `{"id":"paris","kind":"city","labels":{"en":"Paris","fr":"Paris"},"aliases":{"en":["City of Light"]},"descriptions":{"en":"A city."},"start":"0753","sources":[{"source":"atlas","paragraph":2}]}`
	const relation = `{"id":"paris-rome","type":"TWINNED_WITH","from":"paris","to":"rome","start":"1956-04","end":"1956-04-09","descriptions":{"en":"Twinned."},"sources":[{"source":"atlas","paragraph":2,"sentence":1}]}`
	long := strings.Repeat("x", 501)
	longDescription := strings.Repeat("y", 4001)
	cases := []struct {
		section, base, from, to string
	}{
		{store.SectionEntities, entity, `"id":"paris"`, `"id":""`},
		{store.SectionEntities, entity, `"id":"paris"`, `"id":"Paris"`},
		{store.SectionEntities, entity, `"id":"paris"`, `"id":"pa--ris"`},
		{store.SectionEntities, entity, `"kind":"city"`, `"kind":"City"`},
		{store.SectionEntities, entity, `"kind":"city"`, `"kind":null`},
		{store.SectionEntities, entity, `"en":"Paris","fr":"Paris"`, `"fr":"Paris"`},
		{store.SectionEntities, entity, `"en":"Paris"`, `"en":"   "`},
		{store.SectionEntities, entity, `"en":"Paris"`, `"en":"` + long + `"`},
		{store.SectionEntities, entity, `"fr":"Paris"`, `"French":"Paris"`},
		{store.SectionEntities, entity, `"fr":"Paris"`, `"fr":null`},
		{store.SectionEntities, entity, `["City of Light"]`, `[""]`},
		{store.SectionEntities, entity, `"aliases":{"en"`, `"aliases":{"english"`},
		{store.SectionEntities, entity, `"A city."`, `"` + longDescription + `"`},
		{store.SectionEntities, entity, `"A city."`, `"\t"`},
		{store.SectionEntities, entity, `"start":"0753"`, `"start":"753"`},
		{store.SectionEntities, entity, `"start":"0753"`, `"start":null`},
		{store.SectionEntities, entity, `"paragraph":2`, `"paragraph":-1`},
		{store.SectionEntities, entity, `"source":"atlas"`, `"source":"At las"`},
		{store.SectionEntities, entity, `"sources":[`, `"extra":1,"sources":[`},
		{store.SectionEntities, entity, `"labels":{"en":"Paris","fr":"Paris"},`, ``},
		{store.SectionRelations, relation, `"type":"TWINNED_WITH"`, `"type":"twinned"`},
		{store.SectionRelations, relation, `"from":"paris"`, `"from":"Paris"`},
		{store.SectionRelations, relation, `"to":"rome"`, `"to":""`},
		{store.SectionRelations, relation, `"start":"1956-04"`, `"start":"1956-4"`},
		{store.SectionRelations, relation, `"end":"1956-04-09"`, `"end":"1956-04-32"`},
		{store.SectionRelations, relation, `"sources":[{"source":"atlas","paragraph":2,"sentence":1}]`, `"sources":[]`},
		{store.SectionRelations, relation, `"sources":[{"source":"atlas","paragraph":2,"sentence":1}]`, `"sources":null`},
		{store.SectionRelations, relation, `"sentence":1`, `"sentence":-2`},
		{store.SectionRelations, relation, `"sentence":1`, `"sentence":1,"page":3`},
		{store.SectionRelations, relation, `"descriptions":{"en":"Twinned."}`, `"descriptions":null`},
	}
	for _, section := range []string{store.SectionEntities, store.SectionRelations} {
		base := entity
		if section == store.SectionRelations {
			base = relation
		}
		if !schemaValid(t, section, []byte(base)) || !fastAccepts(section, []byte(base)) {
			t.Fatalf("the unbroken element is refused: %s", base)
		}
	}
	for _, c := range cases {
		if !strings.Contains(c.base, c.from) {
			t.Fatalf("%q is not in %s", c.from, c.base)
		}
		raw := []byte(strings.Replace(c.base, c.from, c.to, 1))
		if schemaValid(t, c.section, raw) {
			t.Errorf("the schema accepts %s: the case tests nothing", raw)
			continue
		}
		if fastAccepts(c.section, raw) {
			t.Errorf("the fast check accepts %s, which the schema refuses", raw)
		}
	}
}
