package memstore

import (
	"context"

	"kgraph/graph/store"
)

// stored finds a stored element for store.DiffAgainst; the caller holds a lock.
func (s *Store) stored(section, id string) (any, bool) {
	var x any
	switch section {
	case store.SectionEntityKinds:
		if k := s.vocab.Kind(id); k != nil {
			x = k
		}
	case store.SectionRelationTypes:
		if t := s.vocab.Type(id); t != nil {
			x = t
		}
	case store.SectionSources:
		if src := s.sources[id]; src != nil {
			x = src
		}
	case store.SectionEntities:
		if e := s.byID[id]; e != nil {
			x = e
		}
	case store.SectionRelations:
		if n, ok := s.findRelation(id); ok {
			x = s.relation(n)
		}
	}
	return x, x != nil
}

// known is what the store holds, for store.CheckApply; the caller holds a lock.
func (s *Store) known() store.Known {
	return store.Known{
		Vocabulary: s.vocab,
		Entity:     func(id string) bool { return s.byID[id] != nil },
		Source:     func(id string) bool { return s.sources[id] != nil },
		Holder:     s.holder,
	}
}

// Existing implements store.Store.
func (s *Store) Existing(ctx context.Context, section string, ids []string) ([]string, error) {
	if err := store.CheckSection(section); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []string{}
	seen := map[string]bool{}
	holds := func(id string) bool { _, ok := s.stored(section, id); return ok }
	if section == store.SectionRelations { // without building the relation
		holds = func(id string) bool { _, ok := s.findRelation(id); return ok }
	}
	for _, id := range ids {
		if holds(id) && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out, store.ContextError(ctx)
}

// holder is store.Known.Holder; the caller holds a lock.
func (s *Store) holder(id, section string) string {
	_, isRelation := s.findRelation(id)
	switch {
	case section != store.SectionSources && s.sources[id] != nil:
		return store.SectionSources
	case section != store.SectionEntities && s.byID[id] != nil:
		return store.SectionEntities
	case section != store.SectionRelations && isRelation:
		return store.SectionRelations
	}
	return ""
}
