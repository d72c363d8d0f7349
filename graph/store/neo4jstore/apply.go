package neo4jstore

import (
	"context"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// lockQuery takes the write lock on the one ApplyLock node, held until the
// transaction ends: Apply runs one at a time across every process sharing
// the database, and each compares against what the one before committed.
// That is what makes two concurrent Applies of one dataset leave one copy
// and report the second as unchanged.
const lockQuery = "MERGE (l:ApplyLock {id: 'apply'}) SET l.locked = true"

// Apply implements store.Store: the current graph is read, the merged
// graph checked with store.PrepareApply and the elements that changed
// written, all in one write transaction. A dry run does the same in a read
// transaction and writes nothing.
func (s *Store) Apply(ctx context.Context, d *store.Dataset, opts store.ApplyOptions) (*store.ApplyResult, error) {
	if opts.DryRun {
		return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.ApplyResult, error) {
			_, result, err := prepare(ctx, tx, d)
			return result, err
		})
	}
	if err := s.ensureRelationConstraints(ctx, d.Vocabulary.RelationTypes); err != nil {
		return nil, err
	}
	return write(ctx, s, func(tx neo4j.ManagedTransaction) (*store.ApplyResult, error) {
		if err := execute(ctx, tx, lockQuery, nil); err != nil {
			return nil, err
		}
		w, result, err := prepare(ctx, tx, d)
		if err != nil {
			return nil, err
		}
		return result, w.write(ctx, tx)
	})
}

// prepare reads the current graph, checks what applying d would give and
// returns the writes that would get there.
func prepare(ctx context.Context, tx neo4j.ManagedTransaction, d *store.Dataset) (*writes, *store.ApplyResult, error) {
	current, err := export(ctx, tx)
	if err != nil {
		return nil, nil, err
	}
	if _, err := store.PrepareApply(current, d); err != nil {
		return nil, nil, err
	}
	changed, result := store.Diff(current, d)
	w, err := plan(current, changed)
	if err != nil {
		return nil, nil, err
	}
	return w, result, nil
}
