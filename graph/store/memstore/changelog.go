package memstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
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
			if len(page.Changes) == q.First && q.Entity == "" {
				// Whether one more change passes needs only its time.
				at, err := changeAt(v)
				if err != nil {
					return fmt.Errorf("change %d: %w", binary.BigEndian.Uint64(k), err)
				}
				page.HasNextPage = q.Matches(&store.Change{At: at})
				if page.HasNextPage || !q.Until.IsZero() && at.After(q.Until) {
					break
				}
				continue
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
	var sm storedMeta
	if err := json.Unmarshal(raw, &sm); err != nil {
		return m, false, fmt.Errorf("meta of %q: %w", id, err)
	}
	return sm.meta(), true, nil
}

// storedMeta is a store.Meta as the data file keeps it: short keys, times
// in Unix nanoseconds, and the update left out when it is the creation, so
// that an import's metas cost a fraction of its elements.
type storedMeta struct {
	Version   int64  `json:"v"`
	CreatedAt int64  `json:"ca,omitempty"`
	CreatedBy string `json:"cb,omitempty"`
	// UpdatedAt and UpdatedBy are both omitted when they are the creation's.
	UpdatedAt int64  `json:"ua,omitempty"`
	UpdatedBy string `json:"ub,omitempty"`
}

func encodeMeta(m store.Meta) []byte {
	sm := storedMeta{Version: m.Version, CreatedAt: unixNano(m.CreatedAt), CreatedBy: m.CreatedBy}
	if !m.UpdatedAt.Equal(m.CreatedAt) || m.UpdatedBy != m.CreatedBy {
		sm.UpdatedAt, sm.UpdatedBy = unixNano(m.UpdatedAt), m.UpdatedBy
	}
	return store.MustJSON(sm)
}

func (sm storedMeta) meta() store.Meta {
	m := store.Meta{Version: sm.Version, CreatedAt: fromUnixNano(sm.CreatedAt), CreatedBy: sm.CreatedBy,
		UpdatedAt: fromUnixNano(sm.UpdatedAt), UpdatedBy: sm.UpdatedBy}
	if sm.UpdatedAt == 0 && sm.UpdatedBy == "" {
		m.UpdatedAt, m.UpdatedBy = m.CreatedAt, m.CreatedBy
	}
	return m
}

// unixNano is t in Unix nanoseconds, 0 for the zero time (unknown).
func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromUnixNano(ns int64) time.Time {
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns).UTC()
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

// SeqAt returns the seq of the last change committed at or before t, 0
// when none was (see history.TimeIndex). The log's times never go back
// (see Store.lastAt), so it is a binary search over the log that reads
// only the head of the changes it probes, however large they are.
func (s *Store) SeqAt(ctx context.Context, t time.Time) (int64, error) {
	if s.file == nil {
		return 0, nil
	}
	var seq int64
	err := s.file.db.View(func(tx *bolt.Tx) error {
		log := tx.Bucket(bucketChanges)
		last := lastSeq(log)
		var failed error
		// The first seq committed after t, less one.
		after := sort.Search(int(last), func(i int) bool {
			at, err := changeAt(log.Get(seqKey(int64(i) + 1)))
			if err != nil && failed == nil {
				failed = fmt.Errorf("change %d: %w", i+1, err)
			}
			return at.After(t)
		})
		seq = int64(after)
		return failed
	})
	if err != nil {
		return 0, fmt.Errorf("read the change log: %w", err)
	}
	return seq, store.ContextError(ctx)
}

// changeAt reads a change's At from the head of its JSON, without
// decoding its elements: store.Change encodes seq, then at, first.
func changeAt(raw []byte) (time.Time, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	for {
		tok, err := dec.Token()
		if err != nil {
			return time.Time{}, err
		}
		if tok == "at" {
			var at time.Time
			err := dec.Decode(&at)
			return at, err
		}
		if delim, ok := tok.(json.Delim); ok && delim != '{' {
			return time.Time{}, errors.New("no time in the change")
		}
	}
}
