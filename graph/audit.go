package graph

import (
	"context"
	"time"

	"kgraph/graph/store"
)

// The audit fields of entities and relations: their version and who
// changed them when, read through the request's metas loader (or, for an
// element read as of a past moment, that moment's), and their history.

// meta returns the Meta of the element obj (an entity or a relation read
// by this request). An element the store no longer holds, such as one a
// later change deleted, has a zero Meta: version 0, no dates or authors.
func (r *Resolver) meta(ctx context.Context, obj any, id string) (store.Meta, error) {
	m, err := r.loadersOf(ctx, obj).metas.Load(ctx, id)
	if err != nil || m == nil {
		return store.Meta{}, err
	}
	return *m, nil
}

// history returns the first changes to the element id, oldest first.
func (r *Resolver) history(ctx context.Context, id string, first *int) ([]*store.Change, error) {
	n, err := size("first", first)
	if err != nil {
		return nil, err
	}
	p, err := r.Store.Changes(ctx, store.ChangeQuery{Entity: id, First: n})
	if err != nil {
		return nil, err
	}
	return p.Changes, nil
}

// when is a time for an optional DateTime: nil when unknown.
func when(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// who is a name for an optional String: nil when unknown.
func who(name string) *string {
	if name == "" {
		return nil
	}
	return &name
}
