package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// vocabularySubqueries give kinds and types, which decodeVocabulary reads.
const vocabularySubqueries = `
CALL { MATCH (k:EntityKind) WITH k ORDER BY k.id RETURN collect(properties(k)) AS kinds }
CALL { MATCH (t:RelationType) WITH t ORDER BY t.id RETURN collect(properties(t)) AS types }`

const vocabularyQuery = vocabularySubqueries + `
RETURN kinds, types`

// Vocabulary implements store.Store.
func (s *Store) Vocabulary(ctx context.Context) (*store.Vocabulary, error) {
	return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Vocabulary, error) {
		return vocabulary(ctx, tx)
	})
}

func vocabulary(ctx context.Context, tx neo4j.ManagedTransaction) (*store.Vocabulary, error) {
	rec, err := single(ctx, tx, vocabularyQuery, nil)
	if err != nil {
		return nil, err
	}
	return decodeVocabulary(rec)
}

// check validates a query against the vocabulary, read in the query's own
// transaction so that it is the one the query runs against. A query that
// names no kind and no type is checked without it (Check only consults the
// vocabulary for the kinds and types named), which saves a round trip.
func check(ctx context.Context, tx neo4j.ManagedTransaction, namesVocabulary bool, checkQuery func(*store.Vocabulary) error) error {
	v := &store.Vocabulary{}
	if namesVocabulary {
		var err error
		if v, err = vocabulary(ctx, tx); err != nil {
			return err
		}
	}
	return checkQuery(v)
}
