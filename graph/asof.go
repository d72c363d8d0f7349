package graph

import (
	"context"
	"sync"

	"kgraph/graph/store"
)

// Reads as of a past moment. A top-level field given asOf reads from the
// graph as it was then (a snapshot store that Snapshots builds from the
// change log), and so must every field nested in its result: an entity
// read as of a moment lists its relations as of that moment too. The
// request keeps a registry from the objects a snapshot returned to that
// snapshot; the nested fields ask it, through loadersOf and storeOf,
// which store their object came from. The snapshot store is wrapped so
// that everything it returns is registered as it is returned, however
// deep the nesting.

// Snapshots reads the graph as of a past moment.
type Snapshots interface {
	// At returns the graph as it was at the moment: a read-only store.
	// EINVALID for a moment after the log's end or before its start.
	At(ctx context.Context, at store.AsOf) (store.Store, error)
}

// snapshot is one moment's store and loaders within a request.
type snapshot struct {
	store   store.Store
	loaders *Loaders
}

// asOfRegistry maps the objects read as of a moment to their snapshot.
type asOfRegistry struct {
	mu sync.Mutex
	of map[any]*snapshot
}

type asOfKey struct{}

// withAsOfRegistry gives a request its registry.
func withAsOfRegistry(ctx context.Context) context.Context {
	return context.WithValue(ctx, asOfKey{}, &asOfRegistry{of: map[any]*snapshot{}})
}

func asOfRegistryFrom(ctx context.Context) *asOfRegistry {
	reg, _ := ctx.Value(asOfKey{}).(*asOfRegistry)
	return reg
}

func (reg *asOfRegistry) lookup(obj any) *snapshot {
	if reg == nil || obj == nil {
		return nil
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	return reg.of[obj]
}

func (reg *asOfRegistry) add(snap *snapshot, objs ...any) {
	if reg == nil {
		return
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	for _, o := range objs {
		reg.of[o] = snap
	}
}

// at returns the store a top-level field reads: the current graph, or the
// graph as of the moment asOf names.
func (r *Resolver) at(ctx context.Context, asOf *store.AsOf) (store.Store, error) {
	if asOf == nil {
		return r.Store, nil
	}
	if r.Snapshots == nil {
		return nil, store.Errorf(store.EUNAVAILABLE, "this server does not keep the history that asOf reads")
	}
	past, err := r.Snapshots.At(ctx, *asOf)
	if err != nil {
		return nil, err
	}
	reg := asOfRegistryFrom(ctx)
	if reg == nil {
		// Without the registry the nested fields would read the current
		// graph: refuse rather than mix two moments in one answer.
		return nil, store.Errorf(store.EINTERNAL, "asOf read without the request's registry (see WithLoaders)")
	}
	snap := &snapshot{}
	snap.store = registering{Store: past, reg: reg, snap: snap}
	snap.loaders = NewLoaders(ctx, snap.store)
	return snap.store, nil
}

// storeOf returns the store obj was read from.
func (r *Resolver) storeOf(ctx context.Context, obj any) store.Store {
	if snap := asOfRegistryFrom(ctx).lookup(obj); snap != nil {
		return snap.store
	}
	return r.Store
}

// loadersOf returns the loaders of the store obj was read from.
func (r *Resolver) loadersOf(ctx context.Context, obj any) *Loaders {
	if snap := asOfRegistryFrom(ctx).lookup(obj); snap != nil {
		return snap.loaders
	}
	return r.loaders(ctx)
}
