package neo4jstore

import (
	"context"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"kgraph/graph/store"
)

// Writers are serialized by the write lock of one node: the first clause
// of every write transaction sets a property of the (:ApplyLock) node,
// which Neo4j keeps locked until the transaction ends, so that every
// process sharing the database writes one at a time, and each reads (and
// checks versions against) what the one before committed. Under the lock
// the same query reads the seq the change will get (one more than the
// last, kept on the graph's version node, version.go) and the vocabulary.
// A dry run, which records nothing, reads the vocabulary alone, with seq 0.
// The change is dated by the database's clock, taken under the lock, so
// that changes from replicas with clocks apart are still dated in the
// order of their seqs.
const (
	lockQuery = `MERGE (l:ApplyLock {id: 'apply'}) SET l.locked = true
WITH l OPTIONAL MATCH (v:GraphVersion {id: 'graph'})
WITH coalesce(v.seq, 0) + 1 AS seq, datetime() AS at` + vocabularySubqueries + `
RETURN seq, at, kinds, types`
	dryRunQuery = `WITH 0 AS seq, datetime() AS at` + vocabularySubqueries + `
RETURN seq, at, kinds, types`
)

// Write implements store.Store: one managed write transaction locks,
// reads what the edit names, plans it with store.PlanEdit and writes the
// plan, the Metas and the change-log entry. A dry run plans in a read
// transaction, without the lock.
func (s *Store) Write(ctx context.Context, e *store.Edit) (*store.Change, error) {
	p, err := s.commit(ctx, e)
	if err != nil {
		return nil, err
	}
	return p.Change, nil
}

// commit plans e and, unless e.DryRun or the plan changes nothing,
// writes it. An empty plan's Change has Seq 0: nothing was recorded.
func (s *Store) commit(ctx context.Context, e *store.Edit) (*store.Plan, error) {
	if e.DryRun {
		return read(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Plan, error) {
			p, _, err := planIn(ctx, tx, e, false)
			return p, err
		})
	}
	if err := s.ensureRelationConstraints(ctx, e.Put.Vocabulary.RelationTypes); err != nil {
		return nil, err
	}
	return write(ctx, s, func(tx neo4j.ManagedTransaction) (*store.Plan, error) {
		p, stored, err := planIn(ctx, tx, e, true)
		if err != nil || p.Empty() {
			return p, err
		}
		w, err := planWrites(stored, p)
		if err != nil {
			return nil, err
		}
		if err := w.write(ctx, tx); err != nil {
			return nil, err
		}
		return p, recordChange(ctx, tx, p.Change)
	})
}

// planIn reads what e needs and plans it, after taking the write lock and
// the change's seq when lock is set; without it (a dry run) the change has
// Seq 0. It returns the elements it read, which the writes need; an empty
// plan's Change has Seq 0 too.
func planIn(ctx context.Context, tx neo4j.ManagedTransaction, e *store.Edit, lock bool) (*store.Plan, *store.Dataset, error) {
	first := dryRunQuery
	if lock {
		first = lockQuery
	}
	rec, err := single(ctx, tx, first, nil)
	if err != nil {
		return nil, nil, err
	}
	seq, err := value[int64](rec, "seq")
	if err != nil {
		return nil, nil, err
	}
	at, err := value[time.Time](rec, "at")
	if err != nil {
		return nil, nil, err
	}
	v, err := decodeVocabulary(rec)
	if err != nil {
		return nil, nil, err
	}
	cur, stored, err := readCurrent(ctx, tx, e, v)
	if err != nil {
		return nil, nil, err
	}
	p, err := store.PlanEdit(e, cur, seq, at)
	if err != nil {
		return nil, nil, err
	}
	if p.Empty() {
		p.Change.Seq = 0
	}
	return p, stored, nil
}
