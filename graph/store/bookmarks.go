package store

import (
	"context"
	"sync"
)

// Bookmarks carry causal consistency from one request to the next: a
// client that wrote through one service replica passes the bookmarks it got
// back to its next request, maybe to another replica, and that request's
// reads wait until the database has what those bookmarks name. A store
// that always reads its own latest writes (the embedded one) ignores them.
type Bookmarks struct {
	mu sync.Mutex
	// in are the bookmarks the client sent.
	in []string
	// out are the bookmarks of the writes made while serving the request.
	out []string
}

type bookmarksKey struct{}

// WithBookmarks returns ctx carrying a request's Bookmarks, with the ones
// the client sent.
func WithBookmarks(ctx context.Context, sent []string) (context.Context, *Bookmarks) {
	b := &Bookmarks{in: sent}
	return context.WithValue(ctx, bookmarksKey{}, b), b
}

// BookmarksFrom returns the request's Bookmarks, or nil.
func BookmarksFrom(ctx context.Context) *Bookmarks {
	b, _ := ctx.Value(bookmarksKey{}).(*Bookmarks)
	return b
}

// Sent returns the bookmarks the client sent and those of the writes the
// request made so far: what its reads must see. Safe on a nil *Bookmarks.
func (b *Bookmarks) Sent() []string {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return append(append([]string{}, b.in...), b.out...)
}

// Add records the bookmarks of a write the request made. Safe on nil.
func (b *Bookmarks) Add(bookmarks ...string) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.out = append(b.out, bookmarks...)
}

// Written returns the bookmarks of the request's writes, to send back to
// the client; nil when it wrote nothing. Safe on nil.
func (b *Bookmarks) Written() []string {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.out...)
}
