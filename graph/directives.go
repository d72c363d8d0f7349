package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"kgraph/graph/auth"
	"kgraph/graph/model"
	"kgraph/graph/store"
)

// Directives are the schema's directives, for graph.Config.
func Directives() DirectiveRoot {
	return DirectiveRoot{HasRole: HasRole}
}

// HasRole is @hasRole, the one place where roles are enforced: the field
// resolves only for a caller whose role is at least role. A caller without
// a valid token gets UNAUTHENTICATED, one whose role is too low FORBIDDEN,
// each with a generic message (why a token failed is in the log), and the
// field's resolver never runs for them.
func HasRole(ctx context.Context, obj any, next graphql.Resolver, role model.Role) (any, error) {
	need := auth.Editor
	if role == model.RoleAdmin {
		need = auth.Admin
	}
	p := auth.FromContext(ctx)
	switch {
	case !p.Authenticated():
		return nil, store.Errorf(store.EUNAUTHENTICATED, "this needs a valid bearer token (an API key or a JWT) with the %s role", need)
	case !p.Role.AtLeast(need):
		return nil, store.Errorf(store.EFORBIDDEN, "this needs the %s role", need)
	}
	return next(ctx)
}
