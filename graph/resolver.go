// Package graph is the GraphQL API: gqlgen's generated executor, the thin
// resolvers that check arguments and call the store, the batching loaders
// and the error presenter.
package graph

//go:generate go run github.com/99designs/gqlgen generate

import (
	"log/slog"

	"kgraph/graph/live"
	"kgraph/graph/store"
)

// Resolver holds the resolvers' dependencies, and nothing else.
type Resolver struct {
	// Store answers every query.
	Store store.Store
	// Snapshots reads the graph as of a past moment (the asOf arguments);
	// nil when the server keeps no history.
	Snapshots Snapshots
	// Live announces committed changes to subscribers; nil when the
	// server offers no subscriptions.
	Live *live.Follower
	// Logger records internal errors, whose detail the API does not show.
	Logger *slog.Logger
}
