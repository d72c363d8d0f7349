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
	// vocab holds every kind and type, of the file and of the graph, as
	// stand-ins: it is what an unknown kind or type is told to choose from.
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
		x.vocab.EntityKinds = append(x.vocab.EntityKinds, kindStandIn(id))
	case RelationTypes:
		x.vocab.RelationTypes = append(x.vocab.RelationTypes, typeStandIn(id))
	}
}

func (x *index) known(section, id string) bool {
	_, declared := x.declared[section][id]
	return declared || x.stored[section][id]
}

// graphProblems checks the graph rules of one decoded element. It asks
// store.Dataset.Validate, so that a file and Store.Apply follow the same
// rules, with a dataset of just the element and valid stand-ins for what
// it refers to that exists. The stand-ins are kept to the few the element
// needs, since this runs for every element; the whole vocabulary is given
// only when a kind or type is unknown, for the message to list the valid ones.
func (x *index) graphProblems(section string, v any) []store.Problem {
	d := &store.Dataset{}
	switch e := v.(type) {
	case store.EntityKind:
		d.Vocabulary.EntityKinds = []store.EntityKind{e}
	case store.RelationType:
		d.Vocabulary.RelationTypes = []store.RelationType{e}
	case store.SourceDocument:
		d.Sources = []store.SourceDocument{e}
	case store.Entity:
		if x.known(EntityKinds, e.Kind) {
			d.Vocabulary.EntityKinds = []store.EntityKind{kindStandIn(e.Kind)}
		} else {
			d.Vocabulary.EntityKinds = x.vocab.EntityKinds
		}
		d.Sources = x.sourceStandIns(e.Sources)
		d.Entities = []store.Entity{e}
	case store.Relation:
		if x.known(RelationTypes, e.Type) {
			d.Vocabulary.RelationTypes = []store.RelationType{typeStandIn(e.Type)}
		} else {
			d.Vocabulary.RelationTypes = x.vocab.RelationTypes
		}
		d.Vocabulary.EntityKinds = []store.EntityKind{kindStandIn(standInKind)}
		d.Sources = x.sourceStandIns(e.Sources)
		for _, id := range []string{e.FromID, e.ToID} {
			if x.known(Entities, id) && (len(d.Entities) == 0 || d.Entities[0].ID != id) {
				d.Entities = append(d.Entities, store.Entity{ID: id, Kind: standInKind, Labels: standInLabels})
			}
		}
		d.Relations = []store.Relation{e}
	}
	var out []store.Problem
	for _, p := range d.Validate() {
		if p.Section == section && p.Index == 0 { // not a stand-in's
			out = append(out, p)
		}
	}
	return out
}

func (x *index) sourceStandIns(cites []store.Citation) []store.SourceDocument {
	var out []store.SourceDocument
	for _, c := range cites {
		if x.known(Sources, c.Source) {
			out = append(out, store.SourceDocument{ID: c.Source, Title: c.Source, Language: store.DefaultLang})
		}
	}
	return out
}

// Stand-ins are valid, so that checking the element costs no problems that
// are thrown away.
var standInLabels = store.Texts{{Lang: store.DefaultLang, Text: "stand-in"}}

// standInKind is the kind of the stand-ins for a relation's ends, whose
// kinds do not matter to the relation.
const standInKind = "stand_in"

func kindStandIn(id string) store.EntityKind {
	return store.EntityKind{ID: id, Labels: standInLabels}
}

func typeStandIn(id string) store.RelationType {
	return store.RelationType{ID: id, Labels: standInLabels, InverseLabels: standInLabels}
}
