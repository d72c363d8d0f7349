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
	s.dates = map[store.PartialDate]*store.PartialDate{}
	s.citations = map[store.Citation][]store.Citation{}
	s.names = nameIndex{}
	s.keys = make(map[string]packedKeys, len(d.Entities))
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
		if old := s.byID[e.ID]; old != nil {
			s.names.remove(old, s.keys[old.ID].unpack())
		}
		e.Sources = s.sharedCitations(e.Sources)
		s.byID[e.ID] = e
		keys := store.SearchKeys(e)
		s.keys[e.ID] = packKeys(keys)
		s.names.add(e, keys)
	}
	s.entities = mergeByID(s.entities, entities, entityID)

	relations := make([]*store.Relation, len(d.Relations))
	affected := map[string]bool{} // entities whose relation lists change
	replaced := map[string]bool{} // ids of relations replaced or added
	for i := range d.Relations {
		r := &d.Relations[i]
		s.share(r)
		relations[i] = r
		if old := s.relation(r.ID); old != nil {
			affected[old.FromID], affected[old.ToID] = true, true
		}
		affected[r.FromID], affected[r.ToID] = true, true
		replaced[r.ID] = true
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

// share makes r point at the strings, dates and citations the store
// already holds instead of its own copies: a graph repeats the same few
// types, dates and citations over and over, and the ids at a relation's
// ends are the ids of stored entities.
func (s *Store) share(r *store.Relation) {
	if e := s.byID[r.FromID]; e != nil {
		r.FromID = e.ID
	}
	if e := s.byID[r.ToID]; e != nil {
		r.ToID = e.ID
	}
	if t := s.vocab.Type(r.Type); t != nil {
		r.Type = t.ID
	}
	r.Start, r.End = s.sharedDate(r.Start), s.sharedDate(r.End)
	r.Sources = s.sharedCitations(r.Sources)
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

func (s *Store) sharedDate(d *store.PartialDate) *store.PartialDate {
	if d == nil {
		return nil
	}
	if shared, ok := s.dates[*d]; ok {
		return shared
	}
	s.dates[*d] = d
	return d
}

// relation finds a stored relation by id, nil when there is none.
func (s *Store) relation(id string) *store.Relation {
	i := sort.Search(len(s.relations), func(i int) bool { return s.relations[i].ID >= id })
	if i < len(s.relations) && s.relations[i].ID == id {
		return s.relations[i]
	}
	return nil
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
