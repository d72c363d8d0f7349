package dataset

import (
	"fmt"

	"kgraph/graph/store"
)

// index is what the graph rules need to know of the whole file, and of the
// graph it is to be added to: ids, never elements, so that it stays small
// however large the file.
type index struct {
	// declared maps each section to the ids the file gives it, and the line
	// of the element that first gives each.
	declared map[string]map[string]int
	// stored maps each section to the ids the graph holds.
	stored map[string]map[string]bool
	// vocab holds every kind and type, of the file and of the graph, by id:
	// what references resolve against, and what an unknown kind or type is
	// told to choose from.
	vocab store.Vocabulary
}

func newIndex(base *store.Dataset) *index {
	x := &index{declared: map[string]map[string]int{}, stored: map[string]map[string]bool{}}
	for s := range elementDefs {
		x.declared[s] = map[string]int{}
		x.stored[s] = map[string]bool{}
	}
	if base == nil {
		return x
	}
	for _, k := range base.Vocabulary.EntityKinds {
		x.store(EntityKinds, k.ID)
	}
	for _, t := range base.Vocabulary.RelationTypes {
		x.store(RelationTypes, t.ID)
	}
	for _, s := range base.Sources {
		x.store(Sources, s.ID)
	}
	for _, e := range base.Entities {
		x.store(Entities, e.ID)
	}
	for _, r := range base.Relations {
		x.store(Relations, r.ID)
	}
	return x
}

func (x *index) store(section, id string) {
	x.addVocab(section, id)
	x.stored[section][id] = true
}

// declare records the id of an element given on line, and returns a
// message when the file has already given it.
func (x *index) declare(section, id string, line int) string {
	if id == "" {
		return ""
	}
	ids := x.declared[section]
	if first, dup := ids[id]; dup {
		return fmt.Sprintf("the id %q is used twice (first in the element on line %d)", id, first)
	}
	x.addVocab(section, id)
	ids[id] = line
	return ""
}

func (x *index) addVocab(section, id string) {
	if x.known(section, id) {
		return
	}
	switch section {
	case EntityKinds:
		x.vocab.EntityKinds = append(x.vocab.EntityKinds, store.EntityKind{ID: id})
	case RelationTypes:
		x.vocab.RelationTypes = append(x.vocab.RelationTypes, store.RelationType{ID: id})
	}
}

func (x *index) known(section, id string) bool {
	_, declared := x.declared[section][id]
	return declared || x.stored[section][id]
}

// graphProblems checks the graph rules of one decoded element with
// store.Dataset.ValidateWith, so that a file and Store.Apply follow the same
// rules, resolving its references against the ids of the file and of the
// graph it is to be added to.
func (x *index) graphProblems(v any) []store.Problem {
	d := &store.Dataset{}
	switch e := v.(type) {
	case store.EntityKind:
		d.Vocabulary.EntityKinds = []store.EntityKind{e}
	case store.RelationType:
		d.Vocabulary.RelationTypes = []store.RelationType{e}
	case store.SourceDocument:
		d.Sources = []store.SourceDocument{e}
	case store.Entity:
		d.Entities = []store.Entity{e}
	case store.Relation:
		d.Relations = []store.Relation{e}
	}
	return d.ValidateWith(store.Known{
		Vocabulary: x.vocab,
		Entity:     func(id string) bool { return x.known(Entities, id) },
		Source:     func(id string) bool { return x.known(Sources, id) },
		Holder: func(id, section string) string {
			for _, s := range []string{Sources, Entities, Relations} {
				if s != section && x.known(s, id) {
					return s
				}
			}
			return ""
		},
	})
}
