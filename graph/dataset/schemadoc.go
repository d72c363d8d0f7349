package dataset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"kgraph/graph/store"
)

// The dataset JSON Schema is built here, from the rules graph/store
// defines (the sections, the forms of ids, tags and dates, the lengths of
// texts, the language every label set needs) and from the fields of the
// store's element types, so that the schema, the validation of datasets
// and the stores cannot drift apart. `go generate ./graph/dataset` writes
// it to seed/dataset.schema.json, where editors find it; make test checks
// that file is current.

// sectionDefs names, for each section, the schema definition its elements
// follow, the store type they decode into, and the fields they must have.
var sectionDefs = []struct {
	section, def, description string
	element                   any      // a zero value of the store type
	required                  []string // the JSON fields an element must give
	fields                    object   // the schema of each JSON field, by name
}{
	{store.SectionEntityKinds, "entityKind", "A kind of entity, such as a state or a treaty.",
		store.EntityKind{}, []string{"id", "labels"},
		object{{"id", ref(store.KindIDForm.Name)}, {"labels", ref("labels")}, {"descriptions", ref("descriptions")}}},
	{store.SectionRelationTypes, "relationType", `A type of relation, such as SIGNED. Labels read it from its subject ("signed"), inverse labels from its object ("signed by").`,
		store.RelationType{}, []string{"id", "labels", "inverseLabels"},
		object{{"id", ref(store.TypeIDForm.Name)}, {"labels", ref("labels")}, {"inverseLabels", ref("labels")}, {"descriptions", ref("descriptions")},
			{"symmetric", object{
				{"description", `True when the relation means the same read from either end, such as "allied with".`},
				{"type", "boolean"},
			}}}},
	{store.SectionSources, "source", "A document the graph takes its facts from.",
		store.SourceDocument{}, []string{"id", "title", "language"},
		object{{"id", ref(store.SlugForm.Name)}, {"title", ref("title")},
			{"kind", object{
				{"description", `What sort of document it is, such as "encyclopedia article".`},
				{"type", "string"},
			}},
			{"language", ref(store.LangTagForm.Name)}, {"descriptions", ref("descriptions")}}},
	{store.SectionEntities, "entity", "A node of the graph.",
		store.Entity{}, []string{"id", "kind", "labels"},
		object{{"id", ref(store.SlugForm.Name)}, {"kind", ref(store.KindIDForm.Name)}, {"labels", ref("labels")}, {"aliases", ref("aliases")},
			{"descriptions", ref("descriptions")}, {"start", ref(store.DateForm.Name)}, {"end", ref(store.DateForm.Name)},
			{"sources", object{{"type", "array"}, {"items", ref("citation")}}}}},
	{store.SectionRelations, "relation", "A typed, directed, dated edge from one entity to another. A point event has start equal to end.",
		store.Relation{}, []string{"id", "type", "from", "to", "sources"},
		object{{"id", ref(store.SlugForm.Name)}, {"type", ref(store.TypeIDForm.Name)}, {"from", ref(store.SlugForm.Name)}, {"to", ref(store.SlugForm.Name)},
			{"start", ref(store.DateForm.Name)}, {"end", ref(store.DateForm.Name)}, {"descriptions", ref("descriptions")},
			{"sources", object{
				{"description", "At least one citation."},
				{"type", "array"},
				{"items", ref("citation")},
				{"minItems", 1},
			}}}},
}

// sectionDescriptions describes the top-level sections, where the schema
// says what they hold.
var sectionDescriptions = map[string]string{
	store.SectionSources:   "The documents the citations refer to.",
	store.SectionEntities:  "The nodes of the graph.",
	store.SectionRelations: "The edges of the graph.",
}

// schemaDocument builds the dataset JSON Schema (draft 2020-12).
func schemaDocument() object {
	vocabulary, sections, defs := object{}, object{}, object{}
	for _, s := range sectionDefs {
		section := object{}
		if d, ok := sectionDescriptions[s.section]; ok {
			section = append(section, member{"description", d})
		}
		section = append(section, member{"type", "array"}, member{"items", ref(s.def)})
		if slices.Contains(store.VocabularySections, s.section) {
			vocabulary = append(vocabulary, member{s.section, section})
		} else {
			sections = append(sections, member{s.section, section})
		}
		defs = append(defs, member{s.def, elementSchema(s.description, s.element, s.required, s.fields)})
	}
	top := append(object{
		{"$schema", object{
			{"description", `The schema this file follows, such as "dataset.schema.json". Editors use it; kgraph ignores it.`},
			{"type", "string"},
		}},
		{store.VocabularyField, object{
			{"description", "The kinds of entity and the types of relation the graph uses."},
			{"type", "object"},
			{"properties", vocabulary},
			{"additionalProperties", false},
		}},
	}, sections...)

	defs = append(defs, member{"citation", elementSchema(
		"A place in a source document: the whole document, one paragraph, or one sentence of a paragraph, numbered from 1.",
		store.Citation{}, []string{"source"},
		object{{"source", ref(store.SlugForm.Name)},
			{"paragraph", object{
				{"description", "The paragraph, numbered from 1; 0 or none cites the whole document."},
				{"type", "integer"},
				{"minimum", 0},
			}},
			{"sentence", object{
				{"description", "The sentence within the paragraph, numbered from 1; 0 or none cites the whole paragraph."},
				{"type", "integer"},
				{"minimum", 0},
			}}})})
	for _, f := range []*store.Form{store.SlugForm, store.KindIDForm, store.TypeIDForm, store.LangTagForm, store.DateForm} {
		defs = append(defs, member{f.Name, object{{"description", f.Description}, {"type", "string"}, {"pattern", f.Pattern}}})
	}
	defs = append(defs,
		member{"title", notBlank("a title that is not blank", 0)},
		member{"label", notBlank(fmt.Sprintf("a text that is not blank, of at most %d characters", store.MaxLabelLength), store.MaxLabelLength)},
		member{"description", notBlank(fmt.Sprintf("a text that is not blank, of at most %d characters", store.MaxDescriptionLength), store.MaxDescriptionLength)},
		member{"labels", object{
			{"description", fmt.Sprintf(`Names, one per language, keyed by language tag; English (%q) is required: {%q: "Soviet Union", "ar": "الاتحاد السوفيتي"}.`, store.DefaultLang, store.DefaultLang)},
			{"type", "object"},
			{"propertyNames", ref(store.LangTagForm.Name)},
			{"additionalProperties", ref("label")},
			{"required", []string{store.DefaultLang}},
		}},
		member{"descriptions", object{
			{"description", "Descriptions, one per language, keyed by language tag."},
			{"type", "object"},
			{"propertyNames", ref(store.LangTagForm.Name)},
			{"additionalProperties", ref("description")},
		}},
		member{"aliases", object{
			{"description", `Other names, any number per language: {"en": ["USSR", "Soviet Russia"]}.`},
			{"type", "object"},
			{"propertyNames", ref(store.LangTagForm.Name)},
			{"additionalProperties", object{{"type", "array"}, {"items", ref("label")}}},
		}},
	)

	return object{
		{"$schema", "https://json-schema.org/draft/2020-12/schema"},
		{"title", "kgraph dataset"},
		{"description", "A knowledge graph, or a part of one to add: the vocabulary that types it, the source documents it cites, its entities (nodes) and its relations (edges). Every section may be left out. The ids an element refers to (kinds, types, entities, sources) must be declared in the same file or already stored; kgraph validate and kgraph import check that, and that no id is given twice in a section and no period ends before it starts."},
		{"type", "object"},
		{"properties", top},
		{"additionalProperties", false},
		{"$defs", defs},
	}
}

// elementSchema is the schema of an object that decodes into the store
// type of element: its properties are the type's JSON fields, in the
// type's order, each as fields gives it. A field fields does not give is a
// mistake here, found when the schema is built.
func elementSchema(description string, element any, required []string, fields object) object {
	props := object{}
	t := reflect.TypeOf(element)
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		schema, ok := fields.get(name)
		if !ok {
			panic(fmt.Sprintf("dataset schema: no schema for the field %q of %s", name, t))
		}
		props = append(props, member{name, schema})
	}
	if len(props) != len(fields) {
		panic(fmt.Sprintf("dataset schema: %s has %d JSON fields, the schema describes %d", t, len(props), len(fields)))
	}
	return object{
		{"description", description},
		{"type", "object"},
		{"properties", props},
		{"required", required},
		{"additionalProperties", false},
	}
}

// notBlank is the schema of a text with something besides white space, of
// at most maxLength characters (0: any length).
func notBlank(description string, maxLength int) object {
	o := object{{"description", description}, {"type", "string"}, {"pattern", `\S`}}
	if maxLength > 0 {
		o = append(o, member{"maxLength", maxLength})
	}
	return o
}

// ref points at one of the schema's definitions.
func ref(def string) object { return object{{"$ref", "#/$defs/" + def}} }

// object is a JSON object that keeps its members in the order written, so
// that the generated schema reads from the top down, as a person would
// write it.
type object []member

type member struct {
	key   string
	value any
}

func (o object) get(key string) (any, bool) {
	for _, m := range o {
		if m.key == key {
			return m.value, true
		}
	}
	return nil, false
}

// MarshalJSON writes the members in order.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, m := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := encode(&b, m.key); err != nil {
			return nil, err
		}
		b.WriteByte(':')
		if err := encode(&b, m.value); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// encode writes v as compact JSON, leaving <, > and & as they are: the
// schema is read by people and editors, not embedded in HTML.
func encode(b *bytes.Buffer, v any) error {
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode's newline
	return nil
}

// renderSchema returns the schema as the published file holds it:
// indented by two spaces, ending in a newline.
func renderSchema() []byte {
	var compact, out bytes.Buffer
	if err := encode(&compact, schemaDocument()); err != nil {
		panic(fmt.Sprintf("dataset schema: %v", err))
	}
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		panic(fmt.Sprintf("dataset schema: %v", err))
	}
	out.WriteByte('\n')
	return out.Bytes()
}
