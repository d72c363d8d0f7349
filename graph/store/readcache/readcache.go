// Package readcache keeps the answers of a store that answers over the
// network (Neo4j) in memory, for as long as the graph does not change.
//
// Whether it changed is learnt from Store.Version, the graph's change
// counter, read at most once per interval and only when a read comes: a
// write made through this process clears the cache at once; one made
// through another replica (or an import) is seen within the interval. A
// request that carries bookmarks (see store.Bookmarks) asks to see given
// writes and is always answered by the store itself.
package readcache

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	"kgraph/graph/store"
)

// Defaults of Options.
const (
	// DefaultInterval bounds how long a write made through another replica
	// can go unseen by this one's reads.
	DefaultInterval = 250 * time.Millisecond
	// DefaultBudget is how many graph elements (entities, relations,
	// documents, ids) the cached answers may hold in all.
	DefaultBudget = 200_000
)

// Options tune the cache.
type Options struct {
	// Interval is the longest the cache trusts a version it read; 0 means
	// DefaultInterval.
	Interval time.Duration
	// Budget bounds the cached answers' size in graph elements; 0 means
	// DefaultBudget.
	Budget int
	// Now reads the clock; nil means time.Now.
	Now func() time.Time
}

// Store is a store.Store whose reads are cached. Writes, the change log,
// exports and pings pass through.
type Store struct {
	store.Store
	opts Options

	checking chan struct{} // holds a token while one request reads the version

	mu         sync.Mutex
	version    string    // the version the cached answers belong to
	checkedAt  time.Time // when version was last read from the store
	generation uint64    // raised by every clear
	answers    *lru
}

// New wraps s.
func New(s store.Store, opts Options) *Store {
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.Budget <= 0 {
		opts.Budget = DefaultBudget
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Store{Store: s, opts: opts, answers: newLRU(opts.Budget), checking: make(chan struct{}, 1)}
}

// current makes sure the cache belongs to the graph's current version,
// reading the version when the last read is older than the interval, and
// returns the generation answers computed now must be stored under. ok is
// false when the cache must not be used for this request.
func (c *Store) current(ctx context.Context) (generation uint64, ok bool) {
	if asksForWrites(ctx) {
		return 0, false
	}
	if gen, fresh := c.fresh(); fresh {
		return gen, true
	}
	select { // wait for a check under way, but no longer than the request may
	case c.checking <- struct{}{}:
		defer func() { <-c.checking }()
	case <-ctx.Done():
		return 0, false
	}
	if gen, fresh := c.fresh(); fresh { // another request checked meanwhile
		return gen, true
	}
	at := c.opts.Now()
	v, err := c.Store.Version(ctx)
	if err != nil {
		return 0, false // the read itself will meet the trouble and say so
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.version {
		c.clearLocked()
		c.version = v
	}
	c.checkedAt = at
	return c.generation, true
}

// asksForWrites reports whether the request carries bookmarks: it asks to
// see given writes, which only the store itself can promise.
func asksForWrites(ctx context.Context) bool {
	return len(store.BookmarksFrom(ctx).Sent()) > 0
}

func (c *Store) fresh() (uint64, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.generation, c.freshLocked()
}

// freshLocked reports whether the version was checked within the interval.
func (c *Store) freshLocked() bool {
	return !c.checkedAt.IsZero() && c.opts.Now().Sub(c.checkedAt) < c.opts.Interval
}

func (c *Store) clearLocked() {
	c.answers.clear()
	c.generation++
}

// invalidate forgets every answer and the version: the next read asks the
// store again.
func (c *Store) invalidate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.clearLocked()
	c.checkedAt = time.Time{}
}

func (c *Store) get(key string) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.answers.get(key)
}

// put stores an answer computed under generation, unless the cache was
// cleared since: an answer read before a write must not outlive it.
func (c *Store) put(generation uint64, key string, value any, cost int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if generation == c.generation {
		c.answers.put(key, value, max(cost, 1))
	}
}

// cached answers one query from the cache or, failing that, from read.
func cached[T any](c *Store, ctx context.Context, key string, read func() (T, error), cost func(T) int) (T, error) {
	gen, ok := c.current(ctx)
	if !ok {
		return read()
	}
	if v, hit := c.get(key); hit {
		return v.(T), nil
	}
	v, err := read()
	if err == nil {
		c.put(gen, key, v, cost(v))
	}
	return v, err
}

// byID answers a batch lookup id by id, from the cache where it can, and
// asks the store for the rest in one call.
func byID[T any](c *Store, ctx context.Context, prefix string, ids []string, read func(context.Context, []string) ([]T, error)) ([]T, error) {
	gen, ok := c.current(ctx)
	if !ok {
		return read(ctx, ids)
	}
	out := make([]T, len(ids))
	var missing []string
	var at []int
	for i, id := range ids {
		if v, hit := c.get(prefix + id); hit {
			out[i] = v.(T)
			continue
		}
		missing = append(missing, id)
		at = append(at, i)
	}
	if len(missing) == 0 {
		return out, nil
	}
	got, err := read(ctx, missing)
	if err != nil {
		return nil, err
	}
	for j, v := range got {
		out[at[j]] = v
		c.put(gen, prefix+missing[j], v, 1)
	}
	return out, nil
}

// key names a query by its method and arguments.
func key(method string, args ...any) string {
	b, err := json.Marshal(args)
	if err != nil {
		panic(err) // queries are plain data
	}
	return method + string(b)
}

func one[T any](T) int { return 1 }
