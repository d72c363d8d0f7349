// Package live announces the graph's changes as they are committed. One
// Follower per process reads the store's change log and hands each new
// change to the subscribers that want it. Since it follows the log, not the
// writes this process makes, a subscriber sees the writes of every replica
// that shares the store.
package live

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"kgraph/graph/store"
)

// Defaults of Options.
const (
	// DefaultInterval is how often the log is read for new changes.
	DefaultInterval = 200 * time.Millisecond
	// DefaultBuffer is how many changes wait for a slow subscriber before
	// it is ended.
	DefaultBuffer = 256
)

// Options tunes a Follower.
type Options struct {
	// Interval is how often the log is read (0 means DefaultInterval).
	Interval time.Duration
	// Buffer is how many changes may wait for one subscriber (0 means
	// DefaultBuffer). A subscriber with a full buffer is ended with
	// an error that says so, never silently skipped past.
	Buffer int
	// Logger records failed reads of the log; nil discards them.
	Logger *slog.Logger
}

// Follower reads the change log from where it stood when Run started and
// fans each new change out to the subscribers.
type Follower struct {
	store    store.Store
	interval time.Duration
	buffer   int
	logger   *slog.Logger

	mu   sync.Mutex
	subs map[*Subscription]struct{}
	// last is the seq of the last change handed out.
	last int64
	// ready is closed once Run has found the log's end.
	ready chan struct{}
	// done is closed when Run returns; subscriptions then end.
	done chan struct{}
	// stopped is true once Run has returned.
	stopped bool
}

// New returns a Follower of s's change log; Run starts it.
func New(s store.Store, opts Options) *Follower {
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.Buffer <= 0 {
		opts.Buffer = DefaultBuffer
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	return &Follower{store: s, interval: opts.Interval, buffer: opts.Buffer, logger: opts.Logger, subs: map[*Subscription]struct{}{}, ready: make(chan struct{}), done: make(chan struct{})}
}

// ErrStopped ends the subscriptions of a Follower that stopped (the server
// is shutting down): the client may subscribe again, to another replica.
var ErrStopped = store.Errorf(store.EUNAVAILABLE, "the server is shutting down; subscribe again")

// errTooSlow ends a subscription that fell a whole buffer behind.
func errTooSlow(buffer int) error {
	return store.Errorf(store.EUNAVAILABLE, "the subscription fell %d changes behind and was ended; subscribe again and read what was missed from Query.changes", buffer)
}

// Run follows the log until ctx is done: it finds the log's end, then
// reads the changes after it every Interval. A failed read is logged and
// tried again at the next tick. When Run returns, every subscription ends
// with ErrStopped.
func (f *Follower) Run(ctx context.Context) error {
	defer f.stop()
	tick := time.NewTicker(f.interval)
	defer tick.Stop()
	started := false
	for {
		var err error
		if !started {
			err = f.skipToEnd(ctx)
			if started = err == nil; started {
				close(f.ready)
			}
		} else {
			err = f.poll(ctx)
		}
		if err != nil && ctx.Err() == nil {
			f.logger.WarnContext(ctx, "reading the change log failed", "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// skipToEnd moves past the changes already in the log: subscribers get
// the changes committed after the follower started.
func (f *Follower) skipToEnd(ctx context.Context) error {
	after := int64(0)
	for {
		p, err := f.store.Changes(ctx, store.ChangeQuery{After: after, First: store.MaxPageSize})
		if err != nil {
			return err
		}
		if n := len(p.Changes); n > 0 {
			after = p.Changes[n-1].Seq
		}
		if !p.HasNextPage {
			break
		}
	}
	f.mu.Lock()
	f.last = after
	f.mu.Unlock()
	return nil
}

// poll reads the changes after the last one handed out and hands them out.
func (f *Follower) poll(ctx context.Context) error {
	for {
		f.mu.Lock()
		after := f.last
		f.mu.Unlock()
		p, err := f.store.Changes(ctx, store.ChangeQuery{After: after, First: store.MaxPageSize})
		if err != nil {
			return err
		}
		for _, c := range p.Changes {
			f.publish(c)
		}
		if !p.HasNextPage || len(p.Changes) == 0 {
			return nil
		}
	}
}

// publish hands c to every subscriber that wants it.
func (f *Follower) publish(c *store.Change) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if c.Seq <= f.last {
		return
	}
	f.last = c.Seq
	for s := range f.subs {
		if s.entity != "" && !c.Touches(s.entity) {
			continue
		}
		select {
		case s.c <- c:
		default:
			f.end(s, errTooSlow(f.buffer))
		}
	}
}

// stop ends every subscription; later ones end at once.
func (f *Follower) stop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stopped = true
	close(f.done)
	for s := range f.subs {
		f.end(s, ErrStopped)
	}
}

// end closes s with err; f.mu is held.
func (f *Follower) end(s *Subscription, err error) {
	if _, ok := f.subs[s]; !ok {
		return
	}
	delete(f.subs, s)
	s.err = err
	close(s.c)
}

// Subscription receives the changes committed after it began.
type Subscription struct {
	f      *Follower
	entity string
	c      chan *store.Change
	// err says why the subscription ended; set before c is closed.
	err error
}

// Subscribe returns a subscription to the changes that touch entity (all
// changes when entity is ""). It ends when ctx is done (with no error),
// when it falls a whole buffer behind or when the follower stops.
func (f *Follower) Subscribe(ctx context.Context, entity string) *Subscription {
	s := &Subscription{f: f, entity: entity, c: make(chan *store.Change, f.buffer)}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.stopped {
		s.err = ErrStopped
		close(s.c)
		return s
	}
	f.subs[s] = struct{}{}
	go func() {
		select {
		case <-ctx.Done():
			f.mu.Lock()
			f.end(s, nil)
			f.mu.Unlock()
		case <-f.done:
		}
	}()
	return s
}

// Changes delivers the subscription's changes in commit order; it is
// closed when the subscription ends.
func (s *Subscription) Changes() <-chan *store.Change { return s.c }

// Err says why the subscription ended, once Changes is closed: nil when
// its context ended it.
func (s *Subscription) Err() error {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	return s.err
}

// Ready is closed once the follower has found the log's end: the changes
// committed after it are announced.
func (f *Follower) Ready() <-chan struct{} { return f.ready }

// Subscribers counts the live subscriptions.
func (f *Follower) Subscribers() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.subs)
}
