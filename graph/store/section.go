package store

import (
	"fmt"
	"slices"
	"strings"
)

// The sections of a dataset: the five arrays of elements it holds, named as
// in the dataset format (the first two under "vocabulary"), and as
// Problem, Stored and the dataset reader name them.
const (
	SectionEntityKinds   = "entityKinds"
	SectionRelationTypes = "relationTypes"
	SectionSources       = "sources"
	SectionEntities      = "entities"
	SectionRelations     = "relations"
)

// VocabularyField is the field of a dataset that holds VocabularySections.
const VocabularyField = "vocabulary"

// VocabularySections are the sections a dataset holds under VocabularyField;
// the others are fields of the dataset itself.
var VocabularySections = []string{SectionEntityKinds, SectionRelationTypes}

// Sections lists the sections in the order datasets are written and
// applied in: an element refers only to elements of sections before its own.
var Sections = []string{SectionEntityKinds, SectionRelationTypes, SectionSources, SectionEntities, SectionRelations}

// Each calls fn with every element of d (an EntityKind, RelationType,
// SourceDocument, Entity or Relation), its section and its id, section by
// section in the order of Sections.
func (d *Dataset) Each(fn func(section, id string, x any)) {
	for _, x := range d.Vocabulary.EntityKinds {
		fn(SectionEntityKinds, x.ID, x)
	}
	for _, x := range d.Vocabulary.RelationTypes {
		fn(SectionRelationTypes, x.ID, x)
	}
	for _, x := range d.Sources {
		fn(SectionSources, x.ID, x)
	}
	for _, x := range d.Entities {
		fn(SectionEntities, x.ID, x)
	}
	for _, x := range d.Relations {
		fn(SectionRelations, x.ID, x)
	}
}

// Add appends x, an EntityKind, RelationType, SourceDocument, Entity or
// Relation, to its section. Any other value is a bug, and panics.
func (d *Dataset) Add(x any) {
	switch x := x.(type) {
	case EntityKind:
		d.Vocabulary.EntityKinds = append(d.Vocabulary.EntityKinds, x)
	case RelationType:
		d.Vocabulary.RelationTypes = append(d.Vocabulary.RelationTypes, x)
	case SourceDocument:
		d.Sources = append(d.Sources, x)
	case Entity:
		d.Entities = append(d.Entities, x)
	case Relation:
		d.Relations = append(d.Relations, x)
	default:
		panic(fmt.Sprintf("store: a %T is not an element of a dataset", x))
	}
}

// Append adds every element of other to d, section by section, keeping
// their order; it does not look for ids given twice (see Merge).
func (d *Dataset) Append(other *Dataset) {
	other.Each(func(_, _ string, x any) { d.Add(x) })
}

// ElementID returns the id of x, an element of a dataset as Add takes it.
func ElementID(x any) (id string) {
	var d Dataset
	d.Add(x)
	d.Each(func(_, elementID string, _ any) { id = elementID })
	return id
}

// CheckSection returns EINVALID unless section names a section of a dataset.
func CheckSection(section string) error {
	if slices.Contains(Sections, section) {
		return nil
	}
	return Errorf(EINVALID, "unknown section %q; the sections are %s", section, strings.Join(Sections, ", "))
}
