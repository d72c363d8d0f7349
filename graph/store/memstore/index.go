package memstore

import (
	"sort"

	"kgraph/graph/store"
)

// The in-memory indexes are updated in place under the write lock. Readers
// may still hold a page of entities a query returned after the lock is
// released, so the sorted list of entities is only ever appended to past
// their end, or replaced. Relations are returned as copies (see rel), so
// their lists are changed in place.

// index builds every in-memory structure from d, whose sections are in id order.
func (s *Store) index(d *store.Dataset) {
	s.vocab = d.Vocabulary
	s.sources = make(map[string]*store.SourceDocument, len(d.Sources))
	s.byID = make(map[string]*store.Entity, len(d.Entities))
	s.dates = newSharedTable[store.PartialDate]()
	s.types = newSharedTable[string]()
	s.citations = map[store.Citation][]store.Citation{}
	s.names = nameIndex{}
	s.keys = make(map[string]packedKeys, len(d.Entities))
	s.touching = map[string][]relNum{}
	s.singleCitations = map[store.Citation]int32{}
	s.entities, s.rels, s.relOrder, s.extras = nil, nil, nil, nil
	s.freeRels, s.freeExtras = nil, nil
	s.update(d)
	s.names.compact()
}

// update adds the changed elements of d (new ids or new content) to the
// indexes, in time proportional to the size of the graph for the sorted
// lists and to the size of d for everything else.
func (s *Store) update(d *store.Dataset) {
	s.vocab = s.vocab.Merge(d.Vocabulary)
	for i := range d.Sources {
		s.sources[d.Sources[i].ID] = &d.Sources[i]
	}

	entities := make([]*store.Entity, len(d.Entities))
	for i := range d.Entities {
		e := &d.Entities[i]
		entities[i] = e
		old := s.byID[e.ID]
		if old != nil {
			s.names.remove(old, s.keys[old.ID].unpack())
		}
		e.Sources = s.sharedCitations(e.Sources)
		if k := s.vocab.Kind(e.Kind); k != nil {
			e.Kind = k.ID // one copy of the kind's id for all its entities
		}
		s.byID[e.ID] = e
		if old != nil {
			s.repoint(e)
		}
		keys := store.SearchKeys(e)
		s.keys[e.ID] = packKeys(keys)
		s.names.add(e, keys)
	}
	s.entities = mergeByID(s.entities, entities, entityID)

	s.storeRelations(d.Relations)
}

// sharedCitations returns the store's copy of a single citation, the
// common case; longer lists are kept as they are.
func (s *Store) sharedCitations(cs []store.Citation) []store.Citation {
	if len(cs) != 1 {
		return cs
	}
	if shared, ok := s.citations[cs[0]]; ok {
		return shared
	}
	s.citations[cs[0]] = cs[:1:1]
	return cs[:1:1]
}

// mergeByID returns sorted (in id order) with changed merged in: an
// element of changed replaces the one with its id, or is inserted in
// order. The elements of sorted are not modified: when every changed id
// sorts after the last, as in an import of a file in id order, changed is
// appended past the end that readers' slices can see; otherwise a new
// slice is built.
func mergeByID[T any](sorted, changed []T, id func(T) string) []T {
	if len(changed) == 0 {
		return sorted
	}
	changed = append([]T(nil), changed...)
	sort.Slice(changed, func(i, j int) bool { return id(changed[i]) < id(changed[j]) })
	if len(sorted) == 0 || id(sorted[len(sorted)-1]) < id(changed[0]) {
		if !hasDuplicateIDs(changed, id) {
			return append(sorted, changed...)
		}
	}
	out := make([]T, 0, len(sorted)+len(changed))
	i, j := 0, 0
	for i < len(sorted) || j < len(changed) {
		switch {
		case j == len(changed) || (i < len(sorted) && id(sorted[i]) < id(changed[j])):
			out = append(out, sorted[i])
			i++
		case i == len(sorted) || id(changed[j]) < id(sorted[i]):
			out = append(out, changed[j])
			j++
		default: // same id: the change replaces the stored element
			out = append(out, changed[j])
			i++
			j++
		}
	}
	return out
}

func hasDuplicateIDs[T any](sortedByID []T, id func(T) string) bool {
	for i := 1; i < len(sortedByID); i++ {
		if id(sortedByID[i-1]) == id(sortedByID[i]) {
			return true
		}
	}
	return false
}
