package memstore

import (
	"slices"
	"sort"

	"kgraph/graph/store"
)

// rel is a relation as the store holds it: 48 bytes that share
// everything they can with the rest of the graph (the type's id, the
// entities at the ends, dates, citations), instead of a store.Relation of
// its own. Queries build a store.Relation only for the relations they
// return (see relation), and check filters on a copy on the stack (see
// view).
type rel struct {
	id         string
	from, to   *store.Entity
	start, end dateRef // in Store.dates
	extra      int32   // index in Store.extras
	typ        typeRef // in Store.types
}

// dateRef numbers a date in Store.dates; 0 is no date.
type dateRef = int32

// typeRef numbers a relation type id in Store.types.
type typeRef = int32

// sharedTable holds one copy of each value that many relations share (a
// date, a type id), numbered in the order they were first stored, so that
// a relation holds 4 bytes where a pointer or a string would take 8 or 16.
// Values are never changed or removed: a reader may keep a pointer into
// the table (see filterView), and a table that grows leaves the values it
// copied where readers can still see them.
type sharedTable[T comparable] struct {
	values []T
	refs   map[T]int32
}

func newSharedTable[T comparable]() sharedTable[T] {
	var zero T
	return sharedTable[T]{values: []T{zero}, refs: map[T]int32{}}
}

// ref returns v's number, adding it when it is new.
func (t *sharedTable[T]) ref(v T) int32 {
	if n, ok := t.refs[v]; ok {
		return n
	}
	n := int32(len(t.values))
	t.values = append(t.values, v)
	t.refs[v] = n
	return n
}

// relExtra is what relations have in their sources and descriptions;
// relations with the same single citation and no description share one.
type relExtra struct {
	sources      []store.Citation
	descriptions store.Texts
}

// relNum numbers the relations in the order they were stored; a relation
// replaced keeps its number, and a deleted one's number is given to the
// next one stored. Readers never hold the store's relations
// (queries return copies), so writes change them in place.
type relNum = int32

// view fills v with relation n's fields, sharing the store's values.
func (s *Store) view(n relNum, v *store.Relation) {
	s.filterView(n, v)
	x := &s.extras[s.rels[n].extra]
	v.Sources, v.Descriptions = x.sources, x.descriptions
}

// filterView fills v with what the rules of package store filter
// relations on (all but sources and descriptions), on a v that does not
// leave the caller's stack: filters read no more than they need.
func (s *Store) filterView(n relNum, v *store.Relation) {
	r := &s.rels[n]
	v.ID, v.Type, v.FromID, v.ToID, v.Start, v.End = r.id, s.types.values[r.typ], r.from.ID, r.to.ID, s.date(r.start), s.date(r.end)
}

// date is the stored date numbered ref, nil for 0.
func (s *Store) date(ref dateRef) *store.PartialDate {
	if ref == 0 {
		return nil
	}
	return &s.dates.values[ref]
}

// relation returns relation n as a new store.Relation for a caller to keep.
func (s *Store) relation(n relNum) *store.Relation {
	v := new(store.Relation)
	s.view(n, v)
	return v
}

func (s *Store) relationsByNum(ns []relNum) []*store.Relation {
	out := make([]*store.Relation, len(ns))
	for i, n := range ns {
		out[i] = s.relation(n)
	}
	return out
}

// other is the id at the other end of relation n from the entity id.
func (s *Store) other(n relNum, id string) string {
	r := &s.rels[n]
	if r.from.ID == id {
		return r.to.ID
	}
	return r.from.ID
}

// findRelation finds a stored relation by id.
func (s *Store) findRelation(id string) (relNum, bool) {
	i := sort.Search(len(s.relOrder), func(i int) bool { return s.rels[s.relOrder[i]].id >= id })
	if i < len(s.relOrder) && s.rels[s.relOrder[i]].id == id {
		return s.relOrder[i], true
	}
	return 0, false
}

// storeRelations adds or replaces d's relations, whose ends are stored.
func (s *Store) storeRelations(rs []store.Relation) {
	var added []relNum
	for i := range rs {
		r := &rs[i]
		packed := s.pack(r)
		if n, ok := s.findRelation(r.ID); ok {
			old := s.rels[n]
			packed.id = old.id
			s.rels[n] = packed
			if old.extra != packed.extra {
				s.releaseExtra(old.extra)
			}
			if old.from.ID != packed.from.ID || old.to.ID != packed.to.ID {
				s.detach(n, old.from.ID, old.to.ID)
				s.attach(n)
			}
			continue
		}
		var n relNum
		if free := len(s.freeRels); free > 0 {
			n, s.freeRels = s.freeRels[free-1], s.freeRels[:free-1]
			s.rels[n] = packed
		} else {
			n = relNum(len(s.rels))
			s.rels = append(s.rels, packed)
		}
		s.attach(n)
		added = append(added, n)
	}
	s.relOrder = mergeByID(s.relOrder, added, func(n relNum) string { return s.rels[n].id })
}

// pack is r as the store holds it, its ends stored; its sources and
// descriptions are stored with it (see extra).
func (s *Store) pack(r *store.Relation) rel {
	return rel{id: r.ID, typ: s.types.ref(r.Type), from: s.byID[r.FromID], to: s.byID[r.ToID],
		start: s.dateRef(r.Start), end: s.dateRef(r.End), extra: s.extra(r)}
}

// attach adds relation n to the lists of the entities at its ends, in id order.
func (s *Store) attach(n relNum) {
	r := &s.rels[n]
	s.touching[r.from.ID] = s.insertInOrder(s.touching[r.from.ID], n)
	if r.to.ID != r.from.ID {
		s.touching[r.to.ID] = s.insertInOrder(s.touching[r.to.ID], n)
	}
}

// detach removes relation n from the lists of the entities from and to.
func (s *Store) detach(n relNum, from, to string) {
	for _, id := range []string{from, to} {
		s.touching[id] = slices.DeleteFunc(s.touching[id], func(x relNum) bool { return x == n })
	}
}

func (s *Store) insertInOrder(list []relNum, n relNum) []relNum {
	id := s.rels[n].id
	if len(list) == 0 || s.rels[list[len(list)-1]].id < id {
		return append(list, n)
	}
	i := sort.Search(len(list), func(i int) bool { return s.rels[list[i]].id >= id })
	return slices.Insert(list, i, n)
}

// repoint makes the relations of an entity that was replaced point at its
// new version, so that the old one can be collected.
func (s *Store) repoint(e *store.Entity) {
	for _, n := range s.touching[e.ID] {
		r := &s.rels[n]
		if r.from.ID == e.ID {
			r.from = e
		}
		if r.to.ID == e.ID {
			r.to = e
		}
	}
}

// extra finds or adds the sources and descriptions of r, in the slot of
// a deleted relation's when there is one.
func (s *Store) extra(r *store.Relation) int32 {
	i := int32(len(s.extras))
	if free := len(s.freeExtras); free > 0 {
		i = s.freeExtras[free-1]
	}
	if len(r.Sources) == 1 && len(r.Descriptions) == 0 {
		if shared, ok := s.singleCitations[r.Sources[0]]; ok {
			return shared
		}
		s.singleCitations[r.Sources[0]] = i
	}
	x := relExtra{sources: slices.Clip(r.Sources), descriptions: r.Descriptions}
	if i < int32(len(s.extras)) {
		s.freeExtras = s.freeExtras[:len(s.freeExtras)-1]
		s.extras[i] = x
	} else {
		s.extras = append(s.extras, x)
	}
	return i
}

func (s *Store) dateRef(d *store.PartialDate) dateRef {
	if d == nil {
		return 0
	}
	return s.dates.ref(*d)
}
