package dataset

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"kgraph/graph/store"
)

// index is what the graph rules need to know of the whole file, and of the
// graph it is to be added to: ids, never elements, so that it stays small
// however large the file.
type index struct {
	// declared maps each section to the ids the file gives it, and the line
	// of the element that first gives each.
	declared map[string]map[string]int
	// stored maps each section to the ids the graph holds, of those the
	// file refers to.
	stored map[string]map[string]bool
	// referred maps each section to the ids the file's elements refer to.
	referred map[string]map[string]bool
	// vocab holds every kind and type, of the file and of the graph, by id:
	// what references resolve against, and what an unknown kind or type is
	// told to choose from.
	vocab store.Vocabulary
}

func newIndex() *index {
	x := &index{declared: map[string]map[string]int{}, stored: map[string]map[string]bool{}, referred: map[string]map[string]bool{}}
	for _, s := range store.Sections {
		x.declared[s] = map[string]int{}
		x.stored[s] = map[string]bool{}
		x.referred[s] = map[string]bool{}
	}
	return x
}

// storeVocabulary records the graph's kinds and types.
func (x *index) storeVocabulary(v *store.Vocabulary) {
	for _, k := range v.EntityKinds {
		x.store(store.SectionEntityKinds, k.ID)
	}
	for _, t := range v.RelationTypes {
		x.store(store.SectionRelationTypes, t.ID)
	}
}

// refer records the entities and sources a decoded element refers to.
func (x *index) refer(v any) {
	var cites []store.Citation
	switch v := v.(type) {
	case store.Entity:
		cites = v.Sources
	case store.Relation:
		x.referred[store.SectionEntities][v.FromID] = true
		x.referred[store.SectionEntities][v.ToID] = true
		cites = v.Sources
	}
	for _, c := range cites {
		x.referred[store.SectionSources][c.Source] = true
	}
}

// nodeSections are the sections whose ids are unique across all of them.
var nodeSections = []string{store.SectionSources, store.SectionEntities, store.SectionRelations}

// askBase learns which of the entities and sources the file refers to,
// and does not declare, the graph holds; and which of the ids the file
// declares the graph holds in another section.
func (x *index) askBase(ctx context.Context, base Base) error {
	for _, section := range nodeSections {
		ids := slices.Sorted(maps.Keys(x.declared[section]))
		for _, other := range nodeSections {
			if other == section {
				continue
			}
			if err := x.askHeld(ctx, base, other, ids); err != nil {
				return err
			}
		}
	}
	for _, section := range []string{store.SectionEntities, store.SectionSources} {
		var ask []string
		for _, id := range slices.Sorted(maps.Keys(x.referred[section])) {
			if _, declared := x.declared[section][id]; !declared {
				ask = append(ask, id)
			}
		}
		if err := x.askHeld(ctx, base, section, ask); err != nil {
			return err
		}
	}
	return nil
}

// askHeld records which of ids the graph holds in the section.
func (x *index) askHeld(ctx context.Context, base Base, section string, ids []string) error {
	for chunk := range slices.Chunk(ids, existingBatch) {
		held, err := base.Existing(ctx, section, chunk)
		if err != nil {
			return err
		}
		for _, id := range held {
			x.store(section, id)
		}
	}
	return nil
}

// clashesWithBase reports whether the graph holds, in another section,
// an id the file declares (which Base.Existing was asked in askBase).
func (x *index) clashesWithBase() bool {
	for _, section := range nodeSections {
		for id := range x.stored[section] {
			for _, other := range nodeSections {
				if _, declared := x.declared[other][id]; declared && other != section {
					return true
				}
			}
		}
	}
	return false
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
	case store.SectionEntityKinds:
		x.vocab.EntityKinds = append(x.vocab.EntityKinds, store.EntityKind{ID: id})
	case store.SectionRelationTypes:
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
	d.Add(v)
	return d.ValidateWith(store.Known{
		Vocabulary: x.vocab,
		Entity:     func(id string) bool { return x.known(store.SectionEntities, id) },
		Source:     func(id string) bool { return x.known(store.SectionSources, id) },
		Holder: func(id, section string) string {
			for _, s := range nodeSections {
				if s != section && x.known(s, id) {
					return s
				}
			}
			return ""
		},
	})
}
