package memstore

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"kgraph/graph/store"
)

// The change log and the metas live in the data file only: a read of
// either costs a bbolt lookup, and the graph held in memory does not grow
// with its history.

// Changes implements store.Store. It reads the log with a cursor from
// After, decoding one change at a time, and stops once the page is full
// or, with Until, at the first change past it (changes are never dated
// before the one they follow).
func (s *Store) Changes(ctx context.Context, q store.ChangeQuery) (*store.ChangePage, error) {
	if err := store.CheckChangeQuery(&q); err != nil {
		return nil, err
	}
	page := &store.ChangePage{Changes: []*store.Change{}}
	if s.file == nil {
		return page, nil // a snapshot has no log of its own
	}
	err := s.file.db.View(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketChanges).Cursor()
		scanned := 0
		for k, v := c.Seek(seqKey(q.After + 1)); k != nil; k, v = c.Next() {
			if scanned++; scanned%256 == 0 {
				if err := store.ContextError(ctx); err != nil {
					return err
				}
			}
			ch := new(store.Change)
			if err := json.Unmarshal(v, ch); err != nil {
				return fmt.Errorf("change %d: %w", binary.BigEndian.Uint64(k), err)
			}
			if !q.Until.IsZero() && ch.At.After(q.Until) {
				break
			}
			if !q.Matches(ch) {
				continue
			}
			if len(page.Changes) == q.First {
				page.HasNextPage = true
				break
			}
			page.Changes = append(page.Changes, ch)
		}
		return nil
	})
	if err != nil && store.ErrorCode(err) == store.EINTERNAL {
		return nil, fmt.Errorf("read the change log: %w", err)
	}
	return page, err
}

// Metas implements store.Store.
func (s *Store) Metas(ctx context.Context, ids []string) ([]*store.Meta, error) {
	// The read lock keeps writes out, so the metas read agree with the
	// elements held in memory.
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]*store.Meta, len(ids))
	var metas *bolt.Bucket
	if s.file != nil {
		tx, err := s.file.db.Begin(false)
		if err != nil {
			return nil, fmt.Errorf("read metas: %w", err)
		}
		defer tx.Rollback()
		metas = tx.Bucket(bucketMetas)
	}
	for i, id := range ids {
		if _, isRelation := s.findRelation(id); s.byID[id] == nil && !isRelation {
			continue
		}
		m, ok, err := readMeta(metas, id)
		if err != nil {
			return nil, err
		}
		if !ok {
			m = store.Meta{Version: 1}
		}
		out[i] = &m
	}
	return out, store.ContextError(ctx)
}

// readMeta reads the Meta recorded for id; ok is false when there is none
// (or no bucket, in a snapshot).
func readMeta(metas *bolt.Bucket, id string) (m store.Meta, ok bool, err error) {
	if metas == nil {
		return m, false, nil
	}
	raw := metas.Get([]byte(id))
	if raw == nil {
		return m, false, nil
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		return m, false, fmt.Errorf("meta of %q: %w", id, err)
	}
	return m, true, nil
}

// seqKey is the change log's key for a seq.
func seqKey(seq int64) []byte {
	return binary.BigEndian.AppendUint64(nil, uint64(seq))
}

// lastSeq is the Seq of the last change in the log, 0 when it is empty.
func lastSeq(log *bolt.Bucket) int64 {
	k, _ := log.Cursor().Last()
	if k == nil {
		return 0
	}
	return int64(binary.BigEndian.Uint64(k))
}

// lastChangeAt reads when the last change was committed, zero when none was.
func (f *file) lastChangeAt() (time.Time, error) {
	var last struct {
		At time.Time `json:"at"`
	}
	err := f.db.View(func(tx *bolt.Tx) error {
		_, v := tx.Bucket(bucketChanges).Cursor().Last()
		if v == nil {
			return nil
		}
		return json.Unmarshal(v, &last)
	})
	if err != nil {
		return time.Time{}, fmt.Errorf("read the change log: %w", err)
	}
	return last.At, nil
}
