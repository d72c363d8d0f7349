package graph

import (
	"context"
	"sync"

	"github.com/99designs/gqlgen/graphql"

	"kgraph/graph/model"
	"kgraph/graph/store"
)

// graphChanged streams the changes the follower hands out, each with the
// elements as the change left them.
func (r *Resolver) graphChanged(ctx context.Context, entity string) (<-chan *model.GraphChange, error) {
	if r.Live == nil {
		return nil, store.Errorf(store.EUNAVAILABLE, "this server does not announce changes")
	}
	sub := r.Live.Subscribe(ctx, entity)
	out := make(chan *model.GraphChange)
	go func() {
		defer close(out)
		for c := range sub.Changes() {
			gc, err := graphChange(c)
			if err != nil {
				endSubscription(ctx, err)
				return
			}
			select {
			case out <- gc:
			case <-ctx.Done():
				return
			}
		}
		endSubscription(ctx, sub.Err())
	}()
	return out, nil
}

// graphChange decodes a change's after images into the elements it left.
func graphChange(c *store.Change) (*model.GraphChange, error) {
	gc := &model.GraphChange{Change: c, Entities: []*store.Entity{}, Relations: []*store.Relation{}, DeletedIds: deletedIDs(c)}
	for _, e := range c.Elements {
		var err error
		switch {
		case e.Deleted():
		case e.Section == store.SectionEntities:
			var v *store.Entity
			if v, _, err = leftBy[store.Entity](c, e.Section, e.ID); v != nil {
				gc.Entities = append(gc.Entities, v)
			}
		case e.Section == store.SectionRelations:
			var v *store.Relation
			if v, _, err = leftBy[store.Relation](c, e.Section, e.ID); v != nil {
				gc.Relations = append(gc.Relations, v)
			}
		}
		if err != nil {
			return nil, err
		}
	}
	return gc, nil
}

// A subscription that the server ends (it fell behind, or the server is
// shutting down) says why in a last response, an error with its code,
// before the stream completes; one that the client ends just completes.
// SubscriptionEnds is the handler extension that carries the reason from
// the resolver to that last response.
type SubscriptionEnds struct{}

var (
	_ graphql.OperationInterceptor = SubscriptionEnds{}
	_ graphql.ResponseInterceptor  = SubscriptionEnds{}
)

type subscriptionEndKey struct{}

// subscriptionEnd is why one operation's stream ended.
type subscriptionEnd struct {
	mu   sync.Mutex
	err  error
	told bool
}

func (SubscriptionEnds) ExtensionName() string                          { return "SubscriptionEnds" }
func (SubscriptionEnds) Validate(schema graphql.ExecutableSchema) error { return nil }

// InterceptOperation gives each operation a place for its end's reason.
func (SubscriptionEnds) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	return next(context.WithValue(ctx, subscriptionEndKey{}, &subscriptionEnd{}))
}

// InterceptResponse turns the end of a stream the server ended into an
// error response, once.
func (SubscriptionEnds) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	end, _ := ctx.Value(subscriptionEndKey{}).(*subscriptionEnd)
	if resp != nil || end == nil {
		return resp
	}
	end.mu.Lock()
	defer end.mu.Unlock()
	if end.err == nil || end.told {
		return nil
	}
	end.told = true
	graphql.AddError(ctx, end.err)
	return &graphql.Response{Errors: graphql.GetErrors(ctx)}
}

// endSubscription records why the server ended the operation's stream.
func endSubscription(ctx context.Context, err error) {
	end, _ := ctx.Value(subscriptionEndKey{}).(*subscriptionEnd)
	if end == nil || err == nil {
		return
	}
	end.mu.Lock()
	defer end.mu.Unlock()
	end.err = err
}

// asAnnounced registers the elements of an announced change with the
// event's as-of registry, under a view of the graph in which they carry
// the metas the change gave them: an event read after later writes still
// says which version this change made. Fields nested deeper read the
// current graph.
func (r *Resolver) asAnnounced(ctx context.Context, gc *model.GraphChange) {
	reg := asOfRegistryFrom(ctx)
	if reg == nil {
		return
	}
	snap := &snapshot{}
	snap.store = announced{Store: r.Store, change: gc.Change}
	snap.loaders = NewLoaders(ctx, snap.store)
	for _, e := range gc.Entities {
		reg.add(snap, e)
	}
	for _, rel := range gc.Relations {
		reg.add(snap, rel)
	}
}

// announced is the graph with the metas of one change's elements as the
// change left them.
type announced struct {
	store.Store
	change *store.Change
}

// Metas implements store.Store.
func (a announced) Metas(ctx context.Context, ids []string) ([]*store.Meta, error) {
	out, err := a.Store.Metas(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]store.ElementChange, len(a.change.Elements))
	for _, e := range a.change.Elements {
		byID[e.ID] = e
	}
	for i, id := range ids {
		e, ok := byID[id]
		if !ok || e.Deleted() {
			continue
		}
		m := store.Meta{}
		if out[i] != nil {
			m = *out[i]
		}
		m.Version, m.UpdatedAt, m.UpdatedBy = e.Version, a.change.At, a.change.Actor
		if e.Created() {
			m.CreatedAt, m.CreatedBy = a.change.At, a.change.Actor
		}
		out[i] = &m
	}
	return out, nil
}
