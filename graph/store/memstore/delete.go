package memstore

import (
	"slices"

	"kgraph/graph/store"
)

// deleteRelations takes the relations out of every index; the caller
// holds the write lock. Their slots are kept for the next relations stored.
func (s *Store) deleteRelations(ids []string) {
	if len(ids) == 0 {
		return
	}
	gone := make(map[relNum]bool, len(ids))
	for _, id := range ids {
		n, ok := s.findRelation(id)
		if !ok {
			continue
		}
		gone[n] = true
		r := &s.rels[n]
		s.detach(n, r.from.ID, r.to.ID)
		s.releaseExtra(r.extra)
	}
	// In place, in one pass: readers never keep the list (see rel).
	s.relOrder = slices.DeleteFunc(s.relOrder, func(n relNum) bool { return gone[n] })
	for n := range gone {
		s.rels[n] = rel{}
		s.freeRels = append(s.freeRels, n)
	}
}

// deleteEntities takes the entities, whose relations are already deleted,
// out of every index; the caller holds the write lock.
func (s *Store) deleteEntities(ids []string) {
	if len(ids) == 0 {
		return
	}
	gone := make(map[string]bool, len(ids))
	for _, id := range ids {
		e := s.byID[id]
		if e == nil {
			continue
		}
		gone[id] = true
		s.names.remove(e, s.keys[id].unpack())
		delete(s.keys, id)
		delete(s.byID, id)
		delete(s.touching, id)
	}
	// A new list: readers may still hold a page of the old one.
	kept := make([]*store.Entity, 0, len(s.entities)-len(gone))
	for _, e := range s.entities {
		if !gone[e.ID] {
			kept = append(kept, e)
		}
	}
	s.entities = kept
}

// releaseExtra frees the sources and descriptions of a relation deleted or
// replaced, unless other relations share them (a single citation).
func (s *Store) releaseExtra(i int32) {
	x := &s.extras[i]
	if len(x.sources) == 1 && len(x.descriptions) == 0 {
		if shared, ok := s.singleCitations[x.sources[0]]; ok && shared == i {
			return
		}
	}
	*x = relExtra{}
	s.freeExtras = append(s.freeExtras, i)
}
