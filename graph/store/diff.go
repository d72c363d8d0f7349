package store

import (
	"bytes"
	"encoding/json"
)

// Stored looks up the stored element of a section by id, for DiffAgainst;
// ok is false when the id is new.
type Stored func(section, id string) (element any, ok bool)

// Diff compares what incoming brings with what current holds, element by
// element and by id, and returns the elements Apply must write (those whose
// id is new or whose JSON differs) with the counts Apply reports. Every
// store's Apply calls it or DiffAgainst, so they count the same way.
func Diff(current, incoming *Dataset) (*Dataset, *ApplyResult) {
	return DiffAgainst(incoming, current.Lookup())
}

// Lookup indexes the dataset's elements by section and id, once, for
// DiffAgainst: a dry run compares batch after batch with one index.
func (d *Dataset) Lookup() Stored {
	index := map[string]map[string]any{}
	for _, section := range Sections {
		index[section] = map[string]any{}
	}
	d.Each(func(section, id string, x any) { index[section][id] = x })
	return func(section, id string) (any, bool) {
		x, ok := index[section][id]
		return x, ok
	}
}

// DiffAgainst is Diff with the stored elements found by lookup, so that a
// store that indexes its elements by id need not copy them all.
func DiffAgainst(incoming *Dataset, stored Stored) (*Dataset, *ApplyResult) {
	changed, r, _ := diffEncoded(incoming, stored)
	return changed, r
}

// diffEncoded is DiffAgainst that also returns the JSON of each changed
// element, in the order Dataset.Each visits them, so that PlanEdit does
// not encode them a second time.
func diffEncoded(incoming *Dataset, stored Stored) (*Dataset, *ApplyResult, [][]byte) {
	changed := &Dataset{}
	r := &ApplyResult{}
	var encoded [][]byte
	changed.Vocabulary.EntityKinds = diffSection(r, &encoded, stored, SectionEntityKinds, incoming.Vocabulary.EntityKinds, func(x EntityKind) string { return x.ID })
	changed.Vocabulary.RelationTypes = diffSection(r, &encoded, stored, SectionRelationTypes, incoming.Vocabulary.RelationTypes, func(x RelationType) string { return x.ID })
	changed.Sources = diffSection(r, &encoded, stored, SectionSources, incoming.Sources, func(x SourceDocument) string { return x.ID })
	changed.Entities = diffSection(r, &encoded, stored, SectionEntities, incoming.Entities, func(x Entity) string { return x.ID })
	changed.Relations = diffSection(r, &encoded, stored, SectionRelations, incoming.Relations, func(x Relation) string { return x.ID })
	return changed, r, encoded
}

// Empty reports whether the dataset has no element at all.
func (d *Dataset) Empty() bool {
	return len(d.Vocabulary.EntityKinds) == 0 && len(d.Vocabulary.RelationTypes) == 0 &&
		len(d.Sources) == 0 && len(d.Entities) == 0 && len(d.Relations) == 0
}

func diffSection[T any](r *ApplyResult, encoded *[][]byte, stored Stored, section string, incoming []T, id func(T) string) []T {
	var changed []T
	for _, x := range incoming {
		data := MustJSON(x)
		prev, existed := stored(section, id(x))
		switch {
		case existed && bytes.Equal(MustJSON(prev), data):
			r.Unchanged++
			continue
		case existed:
			r.Updated++
		default:
			r.Created++
		}
		changed = append(changed, x)
		*encoded = append(*encoded, data)
	}
	return changed
}

// MustJSON encodes domain values, which always encode.
func MustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}
