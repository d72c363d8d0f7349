// Package history answers reads of the graph as it was recorded at a past
// moment (store.AsOf), from the change log: the current graph with the
// changes made since that moment undone (store.Undo), held as a read-only
// in-memory store.
//
// A read as of a moment costs one whole-graph snapshot: an Export of the
// current graph, the log after the moment, and the memory of the graph
// once more. Snapshots are built once per distinct moment and the most
// recent few are cached: the log is append-only, so a moment's graph never
// changes once built (a store whose log is wiped and begun again, as a
// test database may be, needs a new Reader). Reads of a snapshot are
// bounded by the same limits (page sizes, depths, entity limits) as reads
// of the current graph. The snapshot's metas (versions, authors) are those
// of the moment, replayed from the log up to it.
package history

import (
	"context"
	"slices"
	"sync"
	"time"

	"kgraph/graph/store"
	"kgraph/graph/store/memstore"
)

// TimeIndex is what a store whose change log never goes back in time can
// offer to find the change a time falls after without reading the log
// (the embedded store does). Without it, a time is resolved by reading
// every change up to it.
type TimeIndex interface {
	// SeqAt returns the seq of the last change committed at or before t,
	// 0 when none was.
	SeqAt(ctx context.Context, t time.Time) (int64, error)
}

// Reader builds and caches snapshots of one store's past.
type Reader struct {
	s    store.Store
	size int

	mu sync.Mutex
	// recent holds the cached snapshots, most recently used first; a
	// snapshot being built is in it too, so that concurrent reads of one
	// moment build it once.
	recent []*snapshot
}

// snapshot is the graph right after the change Seq, once built.
type snapshot struct {
	seq   int64
	ready chan struct{} // closed once g or err is set
	g     store.Store
	err   error
}

// New returns a Reader of s's past that keeps the cacheSize most recently
// read moments (at least 1).
func New(s store.Store, cacheSize int) *Reader {
	return &Reader{s: s, size: max(cacheSize, 1)}
}

// At returns the graph as it was right after the change asOf names (see
// store.AsOf): a read-only store whose Write and Apply are refused.
// Seq 0, or a time before the first change, is the graph before any
// recorded change. ENOTFOUND for a seq no change has yet; ETIMEOUT when ctx
// ends first.
func (r *Reader) At(ctx context.Context, asOf store.AsOf) (store.Store, error) {
	seq, err := r.resolve(ctx, asOf)
	if err != nil {
		return nil, err
	}
	snap, build := r.lookup(seq)
	if build {
		// Built apart from the request that asked first, so that the
		// others waiting for it get it even if that one gives up.
		go func() {
			snap.g, snap.err = r.build(context.WithoutCancel(ctx), seq)
			if snap.err != nil {
				r.forget(snap)
			}
			close(snap.ready)
		}()
	}
	select {
	case <-snap.ready:
		return snap.g, snap.err
	case <-ctx.Done():
		return nil, store.ContextError(ctx)
	}
}

// lookup finds the snapshot of seq, or adds one for the caller to build
// (build is true), evicting the least recently used beyond the cache size.
func (r *Reader) lookup(seq int64) (snap *snapshot, build bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if i := slices.IndexFunc(r.recent, func(x *snapshot) bool { return x.seq == seq }); i >= 0 {
		snap = r.recent[i]
		r.recent = slices.Insert(slices.Delete(r.recent, i, i+1), 0, snap)
		return snap, false
	}
	snap = &snapshot{seq: seq, ready: make(chan struct{})}
	r.recent = slices.Insert(r.recent, 0, snap)
	if len(r.recent) > r.size {
		r.recent = r.recent[:r.size]
	}
	return snap, true
}

// forget drops a snapshot whose build failed, so that the next read tries again.
func (r *Reader) forget(snap *snapshot) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.recent = slices.DeleteFunc(r.recent, func(x *snapshot) bool { return x == snap })
}

// resolve turns asOf into the seq of the last change it includes.
func (r *Reader) resolve(ctx context.Context, asOf store.AsOf) (int64, error) {
	if asOf.Seq < 0 {
		return 0, store.Errorf(store.EINVALID, "asOf %d: a change's seq is 0 or more", asOf.Seq)
	}
	if asOf.Seq > 0 || asOf.Time.IsZero() {
		if asOf.Seq == 0 {
			return 0, nil
		}
		page, err := r.s.Changes(ctx, store.ChangeQuery{After: asOf.Seq - 1, First: 1})
		if err != nil {
			return 0, err
		}
		if len(page.Changes) == 0 || page.Changes[0].Seq != asOf.Seq {
			return 0, store.Errorf(store.ENOTFOUND, "asOf %d: no change has that seq yet; the change log's seqs are in Query.changes", asOf.Seq)
		}
		return asOf.Seq, nil
	}
	if ix, ok := r.s.(TimeIndex); ok {
		return ix.SeqAt(ctx, asOf.Time)
	}
	// The last change at or before the time: the last of those Until
	// keeps, read page by page.
	var seq int64
	q := store.ChangeQuery{Until: asOf.Time, First: store.MaxPageSize}
	for {
		page, err := r.s.Changes(ctx, q)
		if err != nil {
			return 0, err
		}
		if n := len(page.Changes); n > 0 {
			seq = page.Changes[n-1].Seq
		}
		if !page.HasNextPage {
			return seq, nil
		}
		q.After = seq
	}
}

// build makes the snapshot of the graph right after the change seq.
func (r *Reader) build(ctx context.Context, seq int64) (store.Store, error) {
	// The export first, then the log: a change committed in between is
	// both in the log read and (perhaps) in the export, and undoing it
	// restores its elements either way.
	d, err := r.s.Export(ctx)
	if err != nil {
		return nil, err
	}
	// The log is read whole: the changes up to the moment give the
	// elements' metas then, the later ones are undone.
	var later []*store.Change
	metas := map[string]store.Meta{}
	q := store.ChangeQuery{First: store.MaxPageSize}
	for {
		page, err := r.s.Changes(ctx, q)
		if err != nil {
			return nil, err
		}
		for _, c := range page.Changes {
			if c.Seq > seq {
				later = append(later, c)
			} else {
				replayMetas(metas, c)
			}
		}
		if !page.HasNextPage || len(page.Changes) == 0 {
			break
		}
		q.After = page.Changes[len(page.Changes)-1].Seq
	}
	slices.Reverse(later)
	past, err := store.Undo(d, later)
	if err != nil {
		return nil, err
	}
	snap, err := memstore.FromDataset(past)
	if err != nil {
		return nil, err
	}
	return &withMetas{Store: snap, metas: metas}, nil
}

// replayMetas applies one change to the elements' metas as store.PlanEdit
// set them when it was made.
func replayMetas(metas map[string]store.Meta, c *store.Change) {
	for _, e := range c.Elements {
		switch {
		case e.Deleted():
			delete(metas, e.ID)
		case e.Created():
			metas[e.ID] = store.Meta{Version: e.Version, CreatedAt: c.At, CreatedBy: c.Actor, UpdatedAt: c.At, UpdatedBy: c.Actor}
		default:
			m := metas[e.ID] // zero for an element older than the log: authors unknown
			m.Version, m.UpdatedAt, m.UpdatedBy = e.Version, c.At, c.Actor
			metas[e.ID] = m
		}
	}
}

// withMetas is a snapshot whose elements carry the metas they had at its
// moment, replayed from the log; an element the log does not name predates
// it (version 1, authors unknown).
type withMetas struct {
	*memstore.Store
	metas map[string]store.Meta
}

// Metas implements store.Store.
func (w *withMetas) Metas(ctx context.Context, ids []string) ([]*store.Meta, error) {
	out, err := w.Store.Metas(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, id := range ids {
		if m, ok := w.metas[id]; ok && out[i] != nil {
			out[i] = &m
		}
	}
	return out, nil
}
