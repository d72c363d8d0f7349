package memstore

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"kgraph/graph/store"
)

// errNothingToWrite rolls back the transaction of a dry run or of an edit
// that changes nothing.
var errNothingToWrite = errors.New("nothing to write")

// importActor is the actor Apply records when its options name none.
const importActor = "import"

// Write implements store.Store. The edit is planned (store.PlanEdit) and
// committed in one bbolt transaction, synced to disk, under the store's
// write lock; only then is it served. It costs the size of the edit, plus
// a copy of the sorted entity list when it deletes entities.
func (s *Store) Write(ctx context.Context, e *store.Edit) (*store.Change, error) {
	p, err := s.commit(ctx, e)
	if err != nil {
		return nil, err
	}
	return p.Change, nil
}

// Apply implements store.Store: a Write of d as an "import", without
// version checks. It costs the size of d, plus a copy of the sorted id
// lists it changes.
func (s *Store) Apply(ctx context.Context, d *store.Dataset, opts store.ApplyOptions) (*store.ApplyResult, error) {
	actor := opts.Actor
	if actor == "" {
		actor = importActor
	}
	p, err := s.commit(ctx, &store.Edit{Actor: actor, Action: "import", Put: *d, DryRun: opts.DryRun})
	if err != nil {
		return nil, err
	}
	return p.Result, nil
}

// commit plans e against the graph and, unless it is a dry run or changes
// nothing, writes it: the changed elements, their metas, the change-log
// entry and the graph's version in one transaction, then the in-memory
// indexes. The plan's Change has Seq 0 when nothing was written.
func (s *Store) commit(ctx context.Context, e *store.Edit) (*store.Plan, error) {
	if s.file == nil {
		return nil, errReadOnly
	}
	if err := store.ContextError(ctx); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	next := s.version.next()
	var p *store.Plan
	err := s.file.db.Update(func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketChanges)
		at := time.Now()
		if at.Before(s.lastAt) {
			at = s.lastAt
		}
		cur, metaErr := s.current(tx.Bucket(bucketMetas))
		var err error
		p, err = store.PlanEdit(e, cur, lastSeq(log)+1, at)
		switch {
		case *metaErr != nil:
			return *metaErr
		case err != nil:
			return err
		case e.DryRun || p.Empty():
			return errNothingToWrite
		}
		return writePlan(tx, p, next)
	})
	switch {
	case errors.Is(err, errNothingToWrite):
		p.Change.Seq = 0
		return p, nil
	case err != nil && store.ErrorCode(err) != store.EINTERNAL:
		return nil, err
	case err != nil:
		return nil, fmt.Errorf("write data file: %w", err)
	}
	s.deleteRelations(p.DeleteRelations)
	s.deleteEntities(p.DeleteEntities)
	s.update(p.Write)
	s.version = next
	s.lastAt = p.Change.At
	return p, nil
}

// current is the graph for store.PlanEdit; the caller holds the write
// lock, and metas is the bucket of the write's transaction. A meta that
// cannot be read is reported in *err after planning, since Current.Meta
// has no error of its own.
func (s *Store) current(metas *bolt.Bucket) (store.Current, *error) {
	var failed error
	return store.Current{
		Known:  s.known(),
		Stored: s.stored,
		Meta: func(id string) (store.Meta, bool) {
			m, ok, err := readMeta(metas, id)
			if err != nil && failed == nil {
				failed = err
			}
			return m, ok
		},
		Touching: s.touchingIDs,
	}, &failed
}

// touchingIDs is store.Current.Touching; the caller holds a lock.
func (s *Store) touchingIDs(entityID string) []string {
	ns := s.touching[entityID]
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = s.rels[n].id
	}
	return out
}

// writePlan writes what p changes, in the transaction tx: each changed
// element's JSON (the change's After, so that it is encoded once) or its
// deletion, the metas, the change-log entry and the graph's version.
func writePlan(tx *bolt.Tx, p *store.Plan, v version) error {
	// The change lists elements by section, then id: keys in order fill
	// bbolt's pages front to back instead of splitting them at random.
	for _, c := range p.Change.Elements {
		b := fill(tx.Bucket([]byte(c.Section)), denseFill)
		var err error
		if c.Deleted() {
			err = b.Delete([]byte(c.ID))
		} else {
			err = b.Put([]byte(c.ID), c.After)
		}
		if err != nil {
			return err
		}
	}
	// Only entities and relations keep metas (see Store.Metas): a kind may
	// share its id with an entity, and must not overwrite the entity's.
	metas := fill(tx.Bucket(bucketMetas), denseFill)
	ids := make([]string, 0, len(p.Write.Entities)+len(p.Write.Relations))
	for _, e := range p.Write.Entities {
		ids = append(ids, e.ID)
	}
	for _, r := range p.Write.Relations {
		ids = append(ids, r.ID)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if err := metas.Put([]byte(id), encodeMeta(p.Metas[id])); err != nil {
			return err
		}
	}
	for _, deleted := range [][]string{p.DeleteEntities, p.DeleteRelations} {
		for _, id := range deleted {
			if err := metas.Delete([]byte(id)); err != nil {
				return err
			}
		}
	}
	if err := fill(tx.Bucket(bucketChanges), 1).Put(seqKey(p.Change.Seq), store.MustJSON(p.Change)); err != nil {
		return err
	}
	return tx.Bucket(bucketMeta).Put([]byte(keyVersion), store.MustJSON(v))
}

// denseFill is how full bbolt fills the data file's pages when it splits
// them, rather than its default of half: elements are mostly written in id
// order (an import is), which half-full pages would leave half empty, and
// the change log only ever grows at its end, so its pages are filled whole.
const denseFill = 0.9

// fill sets the bucket's fill for this transaction.
func fill(b *bolt.Bucket, percent float64) *bolt.Bucket {
	b.FillPercent = percent
	return b
}
