package memstore

import (
	"sort"

	"kgraph/graph/store"
)

// The in-memory indexes are updated in place under the write lock, except
// for slices: readers may still hold a slice a query returned (a page of
// entities, an entity's relations) after the lock is released, so a slice
// that changes is replaced by a new one, never written to.

// index builds every in-memory structure from d, whose sections are in id order.
func (s *Store) index(d *store.Dataset) {
	s.vocab = d.Vocabulary
	s.sources = make(map[string]*store.SourceDocument, len(d.Sources))
	s.byID = make(map[string]*store.Entity, len(d.Entities))
	s.relByID = make(map[string]*store.Relation, len(d.Relations))
	s.keys = make(map[string][]store.SearchKey, len(d.Entities))
	s.touching = map[string][]*store.Relation{}
	s.entities, s.relations = nil, nil
	s.update(d)
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
		s.byID[e.ID] = e
		s.keys[e.ID] = store.SearchKeys(e)
	}
	s.entities = mergeByID(s.entities, entities, entityID)

	relations := make([]*store.Relation, len(d.Relations))
	affected := map[string]bool{} // entities whose relation lists change
	replaced := map[string]bool{} // ids of relations replaced or added
	for i := range d.Relations {
		r := &d.Relations[i]
		relations[i] = r
		if old := s.relByID[r.ID]; old != nil {
			affected[old.FromID], affected[old.ToID] = true, true
		}
		affected[r.FromID], affected[r.ToID] = true, true
		replaced[r.ID] = true
		s.relByID[r.ID] = r
	}
	s.relations = mergeByID(s.relations, relations, relationID)
	added := map[string][]*store.Relation{}
	for _, r := range relations {
		added[r.FromID] = append(added[r.FromID], r)
		if r.ToID != r.FromID {
			added[r.ToID] = append(added[r.ToID], r)
		}
	}
	for id := range affected {
		var kept []*store.Relation
		for _, r := range s.touching[id] {
			if !replaced[r.ID] {
				kept = append(kept, r)
			}
		}
		s.touching[id] = mergeByID(kept, added[id], relationID)
	}
}

// mergeByID returns a new slice holding sorted (in id order) with changed
// merged in: an element of changed replaces the one with its id, or is
// inserted in order. sorted is not modified.
func mergeByID[T any](sorted, changed []T, id func(T) string) []T {
	if len(changed) == 0 {
		return sorted
	}
	changed = append([]T(nil), changed...)
	sort.Slice(changed, func(i, j int) bool { return id(changed[i]) < id(changed[j]) })
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
