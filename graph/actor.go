package graph

import (
	"context"

	"kgraph/graph/store"
)

type actorKey struct{}

// WithActor returns ctx carrying the name of the authenticated caller, the
// Actor its writes are recorded under.
func WithActor(ctx context.Context, name string) context.Context {
	return context.WithValue(ctx, actorKey{}, name)
}

// actor names the caller an edit is recorded under. The @hasRole
// directive has let only authenticated callers this far; a write without
// one is refused rather than recorded anonymously.
func actor(ctx context.Context) (string, error) {
	if name, _ := ctx.Value(actorKey{}).(string); name != "" {
		return name, nil
	}
	return "", store.Errorf(store.EUNAUTHENTICATED, "writes need a bearer token: an API key or a JWT")
}
