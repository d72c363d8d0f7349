package memstore

import (
	"context"

	"kgraph/graph/store"
)

// ChangesBetween implements store.Store.
func (s *Store) ChangesBetween(ctx context.Context, q store.ChangesQuery) (*store.Comparison, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if err := q.Check(&s.vocab); err != nil {
		return nil, err
	}
	if err := s.mustExist(q.Entity); err != nil {
		return nil, err
	}
	if q.Entity != "" {
		return store.ChangesAround(ctx, q, s.adjacency(q.Filter()))
	}
	var rels []*store.Relation
	for _, r := range s.relations {
		if q.Matches(r) {
			rels = append(rels, r)
			if len(rels) > store.MaxComparisonRelations {
				break // enough to refuse; Compare says so
			}
		}
	}
	return store.Compare(q, rels)
}

// Languages implements store.Store.
func (s *Store) Languages(ctx context.Context) ([]string, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return store.Languages(s.entities), nil
}
