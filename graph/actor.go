package graph

import (
	"context"

	"kgraph/graph/auth"
	"kgraph/graph/store"
)

// actor names the caller an edit is recorded under: the authenticated
// principal. @hasRole lets only authenticated callers this far; a write
// without one is refused rather than recorded anonymously.
func actor(ctx context.Context) (string, error) {
	if p := auth.FromContext(ctx); p.Authenticated() {
		return p.Name, nil
	}
	return "", store.Errorf(store.EUNAUTHENTICATED, "writes need a bearer token: an API key or a JWT")
}
