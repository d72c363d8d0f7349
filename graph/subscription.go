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
