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
		f := q.Filter()
		return store.ChangesAround(ctx, q, func(ctx context.Context, ids []string) (map[string][]*store.Relation, error) {
			if err := store.ContextError(ctx); err != nil {
				return nil, err
			}
			return s.relationsOf(ids, f), nil
		})
	}
	var rels []*store.Relation
	var v store.Relation
	for _, n := range s.relOrder {
		if s.filterView(n, &v); q.Matches(&v) {
			rels = append(rels, s.relation(n))
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
